package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One inference against an endpoint, as SageMaker's runtime routes it: the endpoint must be InService
 * (or updating, when the previous configuration still serves), the variant is the TargetVariant or one
 * picked at random in proportion to the variants' current weights, the variant's model picks the predictor the request
 * names (TargetModel, TargetContainerHostname: {@link VariantModel}), and the model's failures come back
 * as AWS's ModelError with the status the container would have answered.
 */
final class Invocations {

    /** What the model answered and which variant answered it. */
    record Result(Predictor.Prediction prediction, String variant, Deployment deployment) {
    }

    private final Hosting h;
    private final EndpointDeployer deployer;
    private final Deployments deployments;
    private final DataCapture capture;

    Invocations(Hosting h, EndpointDeployer deployer, Deployments deployments, DataCapture capture) {
        this.h = h;
        this.deployer = deployer;
        this.deployments = deployments;
        this.capture = capture;
    }

    /** Tries of one request: a row read just before an update's swap is read again once the swap is seen. */
    private static final int TRIES = 5;

    /** What a request asks of the variant's model: {@link Predictor#predict}, or a streamed answer gathered as it goes. */
    @FunctionalInterface
    interface Call {
        Predictor.Prediction on(Predictor predictor, String variant) throws AlgorithmException;
    }

    Result invoke(String account, String region, String endpointName, byte[] body, String contentType, String accept,
                  Target target, String inferenceId) {
        return invokeWith(account, region, endpointName, body, contentType, target, inferenceId,
                (predictor, variant) -> predictor.predict(body, contentType, accept));
    }

    /**
     * As {@link #invoke(String, String, String, byte[], String, String, Target, String)}, asking the model through {@code call}
     * (InvokeEndpointWithResponseStream's streaming); what {@code call} answers is what data capture records.
     */
    Result invokeWith(String account, String region, String endpointName, byte[] body, String contentType, Target target,
                      String inferenceId, Call call) {
        for (int i = 1; ; i++) {
            try {
                return once(account, region, endpointName, body, contentType, target, inferenceId, call);
            } catch (EndpointDeployer.Stale stale) {
                if (i == TRIES) {
                    throw new HostingException("ModelNotReadyException", "Model for endpoint " + endpointName + " of account " + account
                            + " is being updated; retry the request.");
                }
            }
        }
    }

    private Result once(String account, String region, String endpointName, byte[] body, String contentType,
                        Target target, String inferenceId, Call call) {
        Optional<HostingStore.Row> row = h.store.find(account, region, Hosting.ENDPOINT, endpointName);
        if (row.isEmpty() || !(row.get().status().equals("InService") || row.get().status().equals("Updating"))) {
            throw HostingException.validationError("Endpoint " + endpointName + " of account " + account + " not found.");
        }
        DescribeEndpointResponse endpoint = h.docs.read(row.get().doc(), DescribeEndpointResponse.class);
        String variant = pick(endpoint, target.variant());
        Deployments.Key key = new Deployments.Key(account, region, endpointName);
        Deployment d;
        try {
            d = deployments.acquire(key, Deployment.stamp(endpoint.creationTime().toEpochMilli(), endpoint.endpointConfigName()),
                    () -> deployer.loadCurrent(account, region, endpoint));
        } catch (ModelArtifacts.LoadFailure e) {
            throw new HostingException("ModelNotReadyException", "Model for endpoint " + endpointName + " of account " + account
                    + " is not ready: " + e.getMessage());
        }
        try {
            VariantModel model = d.variants().get(variant);
            if (model == null) {
                throw new EndpointDeployer.Stale(); // the row read named a variant of another deployment
            }
            Predictor.Prediction p;
            try (VariantModel.Lease lease = model.lease(endpointName, target)) {
                p = call.on(lease.predictor(), variant);
            } catch (HostingException e) {
                throw e; // the request named what the variant does not have
            } catch (AlgorithmException e) {
                throw modelError(account, region, endpointName, e);
            } catch (RuntimeException e) {
                throw modelError(account, region, endpointName, AlgorithmException.internal(String.valueOf(e.getMessage())));
            }
            capture.record(account, region, endpointName, variant, d.config().dataCaptureConfig(), body, contentType, p, inferenceId);
            return new Result(p, variant, d);
        } finally {
            d.release();
        }
    }

    private static String pick(DescribeEndpointResponse endpoint, String target) {
        List<ProductionVariantSummary> variants = endpoint.productionVariants();
        if (target != null) {
            if (variants.stream().noneMatch(v -> v.variantName().equals(target))) {
                throw HostingException.validationError("Endpoint " + endpoint.endpointName() + " does not have a production variant named "
                        + target + ".");
            }
            return target;
        }
        double total = variants.stream().mapToDouble(v -> weight(v)).sum();
        if (total <= 0) {
            throw HostingException.validationError("Endpoint " + endpoint.endpointName()
                    + " has no production variant with a weight above zero; name one with TargetVariant.");
        }
        double r = ThreadLocalRandom.current().nextDouble(total);
        for (ProductionVariantSummary v : variants) {
            r -= weight(v);
            if (r < 0) {
                return v.variantName();
            }
        }
        return variants.getLast().variantName();
    }

    private static double weight(ProductionVariantSummary v) {
        return v.currentWeight() == null ? 0 : v.currentWeight();
    }

    /** AWS's ModelError: the container's status and message, and where its log stream would be. */
    private static HostingException modelError(String account, String region, String endpoint, AlgorithmException e) {
        int status = e.clientError() ? 400 : 500;
        String group = "/aws/sagemaker/Endpoints/" + endpoint;
        String message = "Received " + (e.clientError() ? "client" : "server") + " error (" + status + ") from primary with message \""
                + e.getMessage() + "\". See https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logEventViewer:group=" + group + " in account " + account + " for more information.";
        return new HostingException("ModelError", message, Map.of("OriginalStatusCode", status, "OriginalMessage", e.getMessage(),
                "LogStreamArn", "arn:aws:logs:" + region + ":" + account + ":log-group:" + group));
    }
}
