package io.haneul.sagemaker.hosting;

import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loaded models of one endpoint configuration on this node: a {@link VariantModel} per production variant.
 * Requests hold it while they predict ({@link #acquire}/{@link #release}); once it is retired (the
 * endpoint moved to another configuration or was deleted) its predictors are closed when the last
 * request holding it is done, so that a swap drops no request.
 *
 * @param stamp what the endpoint's stored row must say for this deployment to be current
 *              (its creation time and configuration name)
 */
record Deployment(String stamp, DescribeEndpointConfigResponse config, Map<String, VariantModel> variants, Lifecycle lifecycle) {

    Deployment(String stamp, DescribeEndpointConfigResponse config, Map<String, VariantModel> variants) {
        this(stamp, config, Map.copyOf(variants), new Lifecycle());
    }

    static String stamp(long createdMillis, String configName) {
        return createdMillis + "/" + configName;
    }

    /** Takes a hold on the deployment; false when it is retired already (the caller looks again). */
    boolean acquire() {
        lifecycle.holders.incrementAndGet();
        if (lifecycle.retired.get()) {
            release();
            return false;
        }
        return true;
    }

    /** Drops a hold; the last one on a retired deployment closes it (a failure to close is logged: the request's answer stands). */
    void release() {
        if (lifecycle.holders.decrementAndGet() == 0 && lifecycle.retired.get()) {
            Closing.logged("the models of retired deployment " + stamp, this::closeOnce);
        }
    }

    /** No new requests take it; its predictors close when the last holder releases it. */
    void retire() {
        lifecycle.retired.set(true);
        if (lifecycle.holders.get() == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (lifecycle.closed.compareAndSet(false, true)) {
            Closing.each(variants.values(), VariantModel::close);
        }
    }

    /** The counters behind a deployment's holds. */
    static final class Lifecycle {
        final AtomicInteger holders = new AtomicInteger();
        final AtomicBoolean retired = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
    }
}
