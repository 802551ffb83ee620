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
 * (e.g. {@code 200} or {@code 4xx}) and {@code limit} filter, newest first; {@code id} picks one request,
 * the only way its recorded input and output are shown (a page of 1000 would carry 8 MB of them).
 *
 * <p>While recording is on ({@code POST /_haneul/requests/recording?on=true}, off at start) each request also
 * keeps its parsed input and output as text: the SDK objects' own rendering, which writes members AWS marks
 * sensitive as redacted, with credentials' remaining secret-named members ({@link CallText}) redacted
 * too, at most {@value CallText#MAX_CHARS} characters each. Off, it costs the engine one field read per request.
 *
 * <p>Why in memory: it is an inspection aid for the node a developer looks at, not an audit trail;
 * it forgets on restart and costs one small record per request.
 */
public final class RequestLog implements RequestObserver {

    static final int CAPACITY = 1000;

    /**
     * One request as logged.
     *
     * @param recorded whether its input and output were recorded
     * @param input    the parsed request as text, or null when it was not recorded or not asked for ({@code ?id=})
     * @param output   the answer as text (an error's body), or null when it was not recorded or not asked for
     */
    public record Entry(long id, String time, String service, String operation, int status, String account, String region, double millis,
                        boolean recorded, String input, String output) {
    }

    /** A request as kept: its time is formatted only when a page shows it (most never are), not on every request. */
    private record Seen(long id, java.time.Instant at, String service, String operation, int status, String account, String region,
                        long nanos, String input, String output) {

        Entry entry(boolean withCall) {
            return new Entry(id, at.toString(), service, operation, status, account, region, Math.round(nanos / 1e4) / 100.0,
                    input != null || output != null, withCall ? input : null, withCall ? output : null);
        }
    }

    private final Deque<Seen> entries = new ArrayDeque<>(CAPACITY);
    private final Clock clock;
    private volatile boolean recording;
    private long sequence;

    public RequestLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void observed(String service, String operation, int status, long nanos) {
        observed(service, operation, status, nanos, null, null);
    }

    @Override
    public void observed(String service, String operation, int status, long nanos, String account, String region) {
        keep(service, operation, status, nanos, account, region, null, null);
    }

    @Override
    public boolean wantsCalls() {
        return recording;
    }

    @Override
    public void observed(String service, String operation, int status, long nanos, String account, String region, Call call) {
        keep(service, operation, status, nanos, account, region, CallText.input(call), CallText.output(call));
    }

    private void keep(String service, String operation, int status, long nanos, String account, String region, String input, String output) {
        java.time.Instant at = clock.instant();
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeLast();
            }
            entries.addFirst(new Seen(++sequence, at, service, operation, status, account, region, nanos, input, output));
        }
    }

    /** {@code POST /_haneul/requests/recording?on=true|false}: turns the recording of inputs and outputs on or off. */
    public Map<String, Object> setRecording(InternalCall call) {
        String on = call.param("on");
        if (!"true".equals(on) && !"false".equals(on)) {
            throw new IllegalArgumentException("on must be true or false");
        }
        recording = Boolean.parseBoolean(on);
        return Map.of("recording", recording);
    }

    /** The answer of {@code GET /_haneul/requests}. */
    public Map<String, Object> page(InternalCall call) {
        String service = call.param("service");
        String operation = call.param("operation");
        String status = call.param("status");
        String account = call.accountFilter();
        Long id = call.param("id") == null ? null : Long.valueOf(call.param("id"));
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
                    && (status == null || statusMatches(status, e.status()))
                    && (id == null || id == e.id())) {
                out.add(e.entry(id != null));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recording", recording);
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

            @Override
            public boolean wantsCalls() {
                return first.wantsCalls() || second.wantsCalls();
            }

            @Override
            public void observed(String service, String operation, int status, long nanos, String account, String region, Call call) {
                first.observed(service, operation, status, nanos, account, region, call);
                second.observed(service, operation, status, nanos, account, region, call);
            }
        };
    }
}
