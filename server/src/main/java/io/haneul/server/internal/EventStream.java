package io.haneul.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.internal.Viewer;
import io.haneul.core.spi.EventFeed;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's {@link EventFeed} and its reader, {@code GET /_haneul/events}: a server-sent-events
 * stream of what services publish, each listener seeing only the accounts its viewer sees
 * ({@code ?service=sqs,ses} narrows it further).
 *
 * <p>Why a queue per listener: a publisher must never wait for a slow browser, so each listener holds
 * up to {@value #BACKLOG} events and a listener that falls further behind loses the oldest (its pages
 * reload their lists on the next event anyway). A comment line every {@value #HEARTBEAT_SECONDS}
 * seconds keeps the connection inside the idle timeout and finds listeners that went away.
 */
public final class EventStream implements EventFeed, AutoCloseable {

    static final int BACKLOG = 512;
    static final long HEARTBEAT_SECONDS = 15;
    private static final byte[] END = new byte[0];

    private final ObjectMapper json = new ObjectMapper();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    public EventStream(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void publish(String service, String type, String account, Map<String, ?> detail) {
        if (listeners.isEmpty()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("service", service);
        event.put("type", type);
        event.put("account", account);
        event.put("time", clock.instant().toString());
        event.put("detail", detail == null ? Map.of() : detail);
        byte[] frame;
        try {
            frame = ("id: " + ids.incrementAndGet() + "\nevent: " + service + "\ndata: " + json.writeValueAsString(event) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // publishing runs after the service's write committed: a bad event is dropped, never the call's failure
            org.slf4j.LoggerFactory.getLogger(EventStream.class).warn("dropped a {} {} event: {}", service, type, e.getMessage());
            return;
        }
        for (Listener l : listeners) {
            if (l.viewer.sees(account) && (l.services == null || l.services.contains(service))) {
                while (!l.queue.offer(frame)) {
                    l.queue.poll(); // too far behind: drop its oldest
                }
            }
        }
    }

    /** The answer to {@code GET /_haneul/events}: an endless {@code text/event-stream}. */
    public WireResponse handle(InternalCall call) {
        String only = call.param("service");
        Listener listener = new Listener(call.viewer(), only == null || only.isBlank() ? null : Set.of(only.split(",")));
        listeners.add(listener);
        Headers h = new Headers();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Accel-Buffering", "no");
        return new WireResponse(200, h, new byte[0], new WireResponse.Streamed(listener, -1));
    }

    /** How many pages listen now (for tests and health). */
    public int listeners() {
        return listeners.size();
    }

    /** Ends every stream (the server stops). */
    @Override
    public void close() {
        for (Listener l : listeners) {
            l.queue.clear();
            l.queue.offer(END);
        }
    }

    /** One open stream: its viewer, its filter and its backlog, read by the server as the response body. */
    private final class Listener extends InputStream {
        final Viewer viewer;
        final Set<String> services;
        final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(BACKLOG);
        byte[] current = ": haneul events\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8);
        int pos;

        Listener(Viewer viewer, Set<String> services) {
            this.viewer = viewer;
            this.services = services;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (current == END) {
                return -1;
            }
            if (pos >= current.length) {
                byte[] next;
                try {
                    next = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                current = next == null ? ": ping\n\n".getBytes(StandardCharsets.UTF_8) : next;
                pos = 0;
                if (current == END) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            listeners.remove(this);
        }
    }
}
