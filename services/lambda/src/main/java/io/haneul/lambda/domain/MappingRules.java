package io.haneul.lambda.domain;

import java.util.List;

/**
 * The limits of an SQS event source mapping's settings, as CreateEventSourceMapping and
 * UpdateEventSourceMapping check them: BatchSize 1 to 10,000 (above 10 only with a batching window;
 * FIFO queues at most 10 and no window), MaximumBatchingWindowInSeconds 0 to 300,
 * ScalingConfig.MaximumConcurrency 2 to 1,000, FunctionResponseTypes only ReportBatchItemFailures,
 * and a queue visibility timeout no shorter than the function's timeout.
 */
public final class MappingRules {

    public static final int DEFAULT_BATCH_SIZE = 10;

    private MappingRules() {
    }

    public static void check(int batchSize, int window, Integer maximumConcurrency, List<String> responseTypes, boolean fifo) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw constraint(batchSize, "batchSize", batchSize < 1 ? "greater than or equal to 1" : "less than or equal to 10000");
        }
        if (window < 0 || window > 300) {
            throw constraint(window, "maximumBatchingWindowInSeconds", window < 0 ? "greater than or equal to 0" : "less than or equal to 300");
        }
        if (maximumConcurrency != null && (maximumConcurrency < 2 || maximumConcurrency > 1000)) {
            throw constraint(maximumConcurrency, "scalingConfig.maximumConcurrency",
                    maximumConcurrency < 2 ? "greater than or equal to 2" : "less than or equal to 1000");
        }
        for (String t : responseTypes) {
            if (!EventSourceMapping.REPORT_BATCH_ITEM_FAILURES.equals(t)) {
                throw LambdaException.invalidParameter("1 validation error detected: Value '[" + t
                        + "]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must satisfy enum value set: [ReportBatchItemFailures]]");
            }
        }
        if (fifo) {
            if (batchSize > 10) {
                throw LambdaException.invalidParameter("Invalid batch size: " + batchSize
                        + ". Batch size for FIFO queues must be between 1 and 10.");
            }
            if (window > 0) {
                throw LambdaException.invalidParameter("MaximumBatchingWindowInSeconds is not supported for FIFO queues.");
            }
        } else if (batchSize > 10 && window == 0) {
            throw LambdaException.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
        }
    }

    /** AWS refuses a queue whose messages would come back while the function may still be running. */
    public static void checkVisibility(int queueVisibilitySeconds, int functionTimeoutSeconds) {
        if (queueVisibilitySeconds < functionTimeoutSeconds) {
            throw LambdaException.invalidParameter("Queue visibility timeout: " + queueVisibilitySeconds
                    + " seconds is less than Function timeout: " + functionTimeoutSeconds + " seconds");
        }
    }

    private static LambdaException constraint(int value, String member, String bound) {
        return LambdaException.invalidParameter("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must have value " + bound);
    }
}
