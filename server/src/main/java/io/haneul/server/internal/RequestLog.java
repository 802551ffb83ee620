package io.haneul.server.internal;

import io.haneul.core.engine.RequestObserver;
import io.haneul.core.internal.InternalCall;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@value #CAPACITY} API requests (service, operation, status, account, region, time,
 * duration), for the console's home page at {@code GET /_haneul/requests}. A caller sees only the
 * requests of the accounts its viewer sees; {@code account}, {@code service}, {@code operation}, {@code status}
 * (e.g. {@code 200} or {@code 4xx}) and {@code limit} filter, newest first.
 *
 * <p>Why in memory: it is an inspection aid for the node a developer looks at, not an audit trail;
 * it forgets on restart and costs one small record per request.
 */
public final class RequestLog implements RequestObserver {

    static final int CAPACITY = 1000;

    /** One request as logged. */
    public record Entry(String time, String service, String operation, int status, String account, String region, double millis) {
    }

    /** A request as kept: its time is formatted only when a page shows it (most never are), not on every request. */
    private record Seen(java.time.Instant at, String service, String operation, int status, String account, String region, long nanos) {

        Entry entry() {
            return new Entry(at.toString(), service, operation, status, account, region, Math.round(nanos / 1e4) / 100.0);
        }
    }

    private final Deque<Seen> entries = new ArrayDeque<>(CAPACITY);
    private final Clock clock;

    public RequestLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void observed(String service, String operation, int status, long nanos) {
        observed(service, operation, status, nanos, null, null);
    }

    @Override
    public void observed(String service, String operation, int status, long nanos, String account, String region) {
        Seen e = new Seen(clock.instant(), service, operation, status, account, region, nanos);
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeLast();
            }
            entries.addFirst(e);
        }
    }

    /** The answer of {@code GET /_haneul/requests}. */
    public Map<String, Object> page(InternalCall call) {
        String service = call.param("service");
        String operation = call.param("operation");
        String status = call.param("status");
        String account = call.accountFilter();
        int limit = call.param("limit") == null ? 100 : Integer.parseInt(call.param("limit"));
        if (limit < 1 || limit > CAPACITY) {
            throw new IllegalArgumentException("limit must be between 1 and " + CAPACITY);
        }
        List<Seen> snapshot;
        synchronized (entries) {
            snapshot = new ArrayList<>(entries);
        }
        List<Entry> out = new ArrayList<>();
        for (Seen e : snapshot) {
            if (out.size() == limit) {
                break;
            }
            if ((e.account() == null || call.viewer().sees(e.account()))
                    && (e.account() != null || call.viewer().allAccounts())
                    && (account == null || account.equals(e.account()))
                    && (service == null || service.equals(e.service()))
                    && (operation == null || operation.equals(e.operation()))
                    && (status == null || statusMatches(status, e.status()))) {
                out.add(e.entry());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", out);
        return body;
    }

    private static boolean statusMatches(String filter, int status) {
        if (filter.length() == 3 && filter.endsWith("xx")) {
            return String.valueOf(status).charAt(0) == filter.charAt(0);
        }
        return Integer.parseInt(filter) == status;
    }

    /** Tells two observers of every request (the metrics and this log). */
    public static RequestObserver alongside(RequestObserver first, RequestObserver second) {
        return new RequestObserver() {
            @Override
            public void observed(String service, String operation, int status, long nanos) {
                first.observed(service, operation, status, nanos);
                second.observed(service, operation, status, nanos);
            }

            @Override
            public void observed(String service, String operation, int status, long nanos, String account, String region) {
                first.observed(service, operation, status, nanos, account, region);
                second.observed(service, operation, status, nanos, account, region);
            }
        };
    }
}
