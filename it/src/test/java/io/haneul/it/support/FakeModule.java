package io.haneul.it.support;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import java.util.List;

/**
 * A test-only service module that implements a few operations of CloudWatch (awsJson 1.0, awsQuery
 * and smithy-rpc-v2-cbor) and CloudWatch Logs (awsJson 1.1), so that bad-input and fuzz tests reach
 * the request parsers of those protocols through the real listener: operations without a provider
 * answer 501 before their body is read.
 *
 * <p>Found by {@link java.util.ServiceLoader} like a real module, but it claims its models only for
 * servers started through {@link #start(String...)}; every other server in the same JVM sees a
 * module with no models.
 */
public final class FakeModule implements ServiceModule {

    /** The model ids this module serves while active. */
    public static final List<String> MODEL_FILES = List.of("cloudwatch-2010-08-01", "logs-2014-03-28");

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Starts a {@link TestServer} that serves the fake CloudWatch and CloudWatch Logs operations. */
    public static TestServer start(String... options) {
        ACTIVE.set(Boolean.TRUE);
        try {
            return TestServer.start(options);
        } finally {
            ACTIVE.remove();
        }
    }

    @Override
    public String id() {
        return "it-fake";
    }

    @Override
    public List<String> modelFiles() {
        return ACTIVE.get() ? MODEL_FILES : List.of();
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment environment) {
        return modelFile.startsWith("cloudwatch-") ? new CloudWatch() : new Logs();
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return modelFile.startsWith("cloudwatch-") ? CloudWatch.class : Logs.class;
    }

    /** Echoes what it was given, so tests can see that the parser read the members. */
    public static final class CloudWatch {
        public ListMetricsResponse listMetrics(RequestContext ctx, ListMetricsRequest request) {
            return ListMetricsResponse.builder()
                    .metrics(Metric.builder().namespace(request.namespace()).metricName(request.metricName())
                            .dimensions(request.dimensions().stream()
                                    .map(d -> Dimension.builder().name(d.name()).value(d.value()).build()).toList())
                            .build())
                    .build();
        }

        public PutMetricDataResponse putMetricData(RequestContext ctx, PutMetricDataRequest request) {
            return PutMetricDataResponse.builder().build();
        }
    }

    /** Echoes the prefix and limit it was given as one log group. */
    public static final class Logs {
        public DescribeLogGroupsResponse describeLogGroups(RequestContext ctx, DescribeLogGroupsRequest request) {
            String prefix = request.logGroupNamePrefix() == null ? "" : request.logGroupNamePrefix();
            return DescribeLogGroupsResponse.builder()
                    .logGroups(LogGroup.builder().logGroupName(prefix + "-" + request.limit())
                            .arn("arn:aws:logs:" + ctx.region() + ":" + ctx.accountId() + ":log-group:" + prefix).build())
                    .build();
        }
    }
}
