package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When SNS retries a failed delivery, in AWS's four phases: immediate retries, pre-backoff retries
 * {@code minDelayTarget} apart, a backoff phase from {@code minDelayTarget} to {@code maxDelayTarget}
 * shaped by {@code backoffFunction}, and post-backoff retries {@code maxDelayTarget} apart.
 *
 * <p>Backoff shapes over the k-th of n backoff retries (t = k/n): linear {@code min + (max-min)t};
 * arithmetic {@code min + (max-min)k(k+1)/(n(n+1))}; geometric {@code min (max/min)^t};
 * exponential {@code min + (max-min)(2^k-1)/(2^n-1)}; delays are whole seconds.
 */
public record RetryPolicy(int minDelayTarget, int maxDelayTarget, int numRetries, int numNoDelayRetries,
                          int numMinDelayRetries, int numMaxDelayRetries, String backoffFunction) {

    public static final List<String> BACKOFF_FUNCTIONS = List.of("linear", "arithmetic", "geometric", "exponential");

    /** HTTP/S default: 3 retries 20 s apart. */
    public static final RetryPolicy HTTP_DEFAULT = new RetryPolicy(20, 20, 3, 0, 0, 0, "linear");
    /** SQS and Lambda: 100,015 attempts over 23 days (3 immediate, 2 at 1 s, 10 backoff to 20 s, 100,000 at 20 s). */
    public static final RetryPolicy SQS_LAMBDA = new RetryPolicy(1, 20, 100_015, 3, 2, 100_000, "exponential");
    /** Email, SMS and mobile push: 50 attempts over 6 hours. */
    public static final RetryPolicy EMAIL_SMS_MOBILE = new RetryPolicy(10, 600, 50, 0, 2, 38, "exponential");

    /** Delay before retry number {@code retry} (1-based), or empty when the retries are used up. */
    public Optional<Duration> delayBeforeRetry(int retry) {
        if (retry < 1 || retry > numRetries) {
            return Optional.empty();
        }
        if (retry <= numNoDelayRetries) {
            return Optional.of(Duration.ZERO);
        }
        if (retry <= numNoDelayRetries + numMinDelayRetries) {
            return Optional.of(Duration.ofSeconds(minDelayTarget));
        }
        int backoff = backoffRetries();
        int k = retry - numNoDelayRetries - numMinDelayRetries;
        if (k <= backoff) {
            return Optional.of(Duration.ofSeconds(backoffDelay(k, backoff)));
        }
        return Optional.of(Duration.ofSeconds(maxDelayTarget));
    }

    private int backoffRetries() {
        return Math.max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries);
    }

    long backoffDelay(int k, int n) {
        double min = minDelayTarget;
        double max = maxDelayTarget;
        double d = switch (backoffFunction) {
            case "arithmetic" -> min + (max - min) * k * (k + 1) / ((double) n * (n + 1));
            case "geometric" -> min * Math.pow(max / min, (double) k / n);
            case "exponential" -> min + (max - min) * (Math.pow(2, k) - 1) / (Math.pow(2, n) - 1);
            default -> min + (max - min) * k / n;
        };
        return Math.max(minDelayTarget, Math.min(maxDelayTarget, Math.round(d)));
    }

    /** Seconds of all retry delays added up. */
    public long totalSeconds() {
        long total = (long) numMinDelayRetries * minDelayTarget + (long) numMaxDelayRetries * maxDelayTarget;
        int backoff = backoffRetries();
        for (int k = 1; k <= backoff; k++) {
            total += backoffDelay(k, backoff);
        }
        return total;
    }

    /**
     * Reads a user's {@code healthyRetryPolicy}, filling missing fields from the HTTP default, and
     * checks AWS's limits (at most 100 retries, delays 1..3600 s, phases within numRetries, at most
     * 3,600 s in all).
     */
    public static RetryPolicy parse(JsonNode n, String where) {
        if (!n.isObject()) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy must be an object");
        }
        RetryPolicy d = HTTP_DEFAULT;
        int numRetries = intField(n, "numRetries", d.numRetries, where);
        int min = intField(n, "minDelayTarget", d.minDelayTarget, where);
        int max = intField(n, "maxDelayTarget", n.has("minDelayTarget") && !n.has("maxDelayTarget") ? Math.max(min, d.maxDelayTarget) : d.maxDelayTarget, where);
        int noDelay = intField(n, "numNoDelayRetries", 0, where);
        int minRetries = intField(n, "numMinDelayRetries", 0, where);
        int maxRetries = intField(n, "numMaxDelayRetries", 0, where);
        String backoff = n.has("backoffFunction") ? n.get("backoffFunction").asText() : "linear";
        if (numRetries < 0 || numRetries > 100) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy.numRetries must be between 0 and 100");
        }
        if (min < 1 || min > 3600) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy.minDelayTarget must be between 1 and 3600");
        }
        if (max < 1 || max > 3600) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy.maxDelayTarget must be between 1 and 3600");
        }
        if (min > max) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy.minDelayTarget must be less than or equal to maxDelayTarget");
        }
        if (noDelay < 0 || minRetries < 0 || maxRetries < 0) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy retry counts must not be negative");
        }
        if ((long) noDelay + minRetries + maxRetries > numRetries) {
            throw SnsException.invalidParameter(where
                    + ": healthyRetryPolicy.numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries");
        }
        if (!BACKOFF_FUNCTIONS.contains(backoff)) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy.backoffFunction must be one of " + BACKOFF_FUNCTIONS);
        }
        RetryPolicy p = new RetryPolicy(min, max, numRetries, noDelay, minRetries, maxRetries, backoff);
        if (p.totalSeconds() > 3600) {
            throw SnsException.invalidParameter(where + ": healthyRetryPolicy total duration of " + p.totalSeconds()
                    + " seconds exceeds the maximum of 3600 seconds");
        }
        return p;
    }

    private static int intField(JsonNode n, String name, int dflt, String where) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isInt() || (v.isTextual() && v.asText().matches("-?\\d{1,9}"))) {
            return v.asInt();
        }
        throw SnsException.invalidParameter(where + ": healthyRetryPolicy." + name + " must be an integer");
    }

    /** The policy as AWS renders it in EffectiveDeliveryPolicy. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("minDelayTarget", minDelayTarget);
        o.put("maxDelayTarget", maxDelayTarget);
        o.put("numRetries", numRetries);
        o.put("numMaxDelayRetries", numMaxDelayRetries);
        o.put("numNoDelayRetries", numNoDelayRetries);
        o.put("numMinDelayRetries", numMinDelayRetries);
        o.put("backoffFunction", backoffFunction);
        return o;
    }
}
