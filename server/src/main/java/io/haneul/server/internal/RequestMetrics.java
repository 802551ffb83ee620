package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests by service, operation and status and keeps latency histograms per operation,
 * rendered in the Prometheus text format at {@code /_haneul/metrics}.
 */
public final class RequestMetrics implements RequestObserver {

    private static final double[] BUCKETS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    /** Counters of one operation: by status, and its latency histogram. */
    private static final class OpStats {
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Histogram latency = new Histogram();
    }

    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS_SECONDS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void add(long nanos) {
            double s = nanos / 1e9;
            for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
                if (s <= BUCKETS_SECONDS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sumNanos.add(nanos);
        }
    }

    // service -> operation -> stats: two lookups on strings whose hashes are cached, no allocation
    private final Map<String, Map<String, OpStats>> stats = new ConcurrentHashMap<>();
    private final java.util.function.Supplier<Map<String, Long>> counters;

    public RequestMetrics() {
        this(Map::of);
    }

    /** @param counters what the running modules count besides requests (e.g. S3's missing blobs), by metric name */
    public RequestMetrics(java.util.function.Supplier<Map<String, Long>> counters) {
        this.counters = counters;
    }

    @Override
    public void observed(String service, String operation, int status, long nanos) {
        Map<String, OpStats> ops = stats.get(service);
        if (ops == null) {
            ops = stats.computeIfAbsent(service, k -> new ConcurrentHashMap<>());
        }
        OpStats op = ops.get(operation);
        if (op == null) {
            op = ops.computeIfAbsent(operation, k -> new OpStats());
        }
        LongAdder count = op.byStatus.get(status);
        if (count == null) {
            count = op.byStatus.computeIfAbsent(status, k -> new LongAdder());
        }
        count.increment();
        op.latency.add(nanos);
    }

    public String prometheusText() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP haneul_requests_total Requests answered, by service, operation and HTTP status.\n");
        sb.append("# TYPE haneul_requests_total counter\n");
        Map<String, Long> sorted = new TreeMap<>();
        stats.forEach((service, ops) -> ops.forEach((operation, op) -> op.byStatus.forEach((status, v) ->
                sorted.put("haneul_requests_total{service=\"" + service + "\",operation=\"" + operation + "\",status=\""
                        + status + "\"}", v.sum()))));
        sorted.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        sb.append("# HELP haneul_request_duration_seconds Time spent answering requests.\n");
        sb.append("# TYPE haneul_request_duration_seconds histogram\n");
        new TreeMap<String, Histogram>(toNamed()).forEach((labels, h) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
                cumulative += h.buckets[i].sum();
                sb.append("haneul_request_duration_seconds_bucket{").append(labels).append(",le=\"")
                        .append(BUCKETS_SECONDS[i]).append("\"} ").append(cumulative).append('\n');
            }
            long count = h.count.sum();
            sb.append("haneul_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ").append(count).append('\n');
            sb.append("haneul_request_duration_seconds_sum{").append(labels).append("} ").append(h.sumNanos.sum() / 1e9).append('\n');
            sb.append("haneul_request_duration_seconds_count{").append(labels).append("} ").append(count).append('\n');
        });
        new TreeMap<>(counters.get()).forEach((name, value) -> {
            sb.append("# TYPE ").append(name).append(" counter\n");
            sb.append(name).append(' ').append(value).append('\n');
        });
        return sb.toString();
    }

    private Map<String, Histogram> toNamed() {
        Map<String, Histogram> named = new TreeMap<>();
        stats.forEach((service, ops) -> ops.forEach((operation, op) ->
                named.put("service=\"" + service + "\",operation=\"" + operation + "\"", op.latency)));
        return named;
    }
}
