package io.haneul.apigateway.invoke;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The HTTP client of the HTTP integrations: a blocking HTTP/1.1 client that runs each call on the
 * caller's own (virtual) thread over pooled keep-alive connections ({@link BackendPool},
 * {@link BackendConnection}). Jetty's asynchronous client, used before, handed every answer from its
 * selector to a thread of its pool and from there to the waiting virtual thread; this one has no
 * thread of its own (see docs/BENCHMARKS.md). Forwards exactly what it is given: no cookies, no
 * {@code Accept-Encoding} or decoding of its own, no redirects followed, no User-Agent added. HTTP
 * APIs' {@code HTTP_PROXY} integrations use it too.
 *
 * <p>A call on a pooled connection that fails before any byte of an answer (the backend closed it
 * just then) is sent again once on a new connection when its method is idempotent (RFC 9110 9.2.2).
 */
public final class BackendClient implements AutoCloseable {

    /** API Gateway's payload limit: a larger backend answer is not read. */
    static final int MAX_RESPONSE = 10 * 1024 * 1024;
    /** No connect timeout of its own: a connection is attempted for what is left of the integration's timeout. */
    static final int CONNECT_WITHIN_DEADLINE = Integer.MAX_VALUE;
    private static final long MAX_IDLE_MILLIS = 60_000;
    private static final int MAX_IDLE_PER_DESTINATION = 256;
    /** Calls beyond this many to one destination wait, within their deadline, for one to end. */
    private static final int MAX_IN_USE_PER_DESTINATION = 256;
    /** A body larger than this may fill the socket's buffers; its write is bounded by a watchdog that closes the connection. */
    private static final int WATCHED_BODY = 64 * 1024;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final LongSupplier nanoTime;
    private final SSLSocketFactory tlsFactory;
    private final int connectTimeoutMillis;
    private final BackendPool pool;

    /** A backend's answer. */
    public record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    /** The call took longer than the integration's timeout, or its connection could not be made in time. */
    public static final class TimedOut extends Exception {
        TimedOut(Throwable cause) {
            super(cause);
        }
    }

    public BackendClient() {
        this(System::nanoTime, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    BackendClient(LongSupplier nanoTime, SSLSocketFactory tlsFactory) {
        this(nanoTime, tlsFactory, CONNECT_WITHIN_DEADLINE);
    }

    /**
     * @param nanoTime             the monotonic clock deadlines and idle times are measured with
     * @param tlsFactory           makes https connections (the JDK's default trusts the JDK's certificate authorities)
     * @param connectTimeoutMillis the most a connection may take to open, if less than what is left of the
     *                             call's deadline; a connection not made in time is the call's timeout either way
     */
    BackendClient(LongSupplier nanoTime, SSLSocketFactory tlsFactory, int connectTimeoutMillis) {
        this.nanoTime = nanoTime;
        this.tlsFactory = tlsFactory;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.pool = new BackendPool(MAX_IDLE_PER_DESTINATION, MAX_IN_USE_PER_DESTINATION, MAX_IDLE_MILLIS, nanoTime);
    }

    /**
     * @param headers name, value pairs sent as they are
     * @throws TimedOut    after {@code timeoutMillis}
     * @throws IOException when the backend cannot be reached or its answer read
     * @throws IllegalArgumentException for a target that is not an http or https URL, or a method that is no HTTP token
     */
    public Answer send(String method, URI target, List<Map.Entry<String, String>> headers, byte[] body, long timeoutMillis)
            throws TimedOut, IOException, InterruptedException {
        long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        BackendDestination destination = BackendDestination.of(target);
        byte[] head = BackendRequestHead.of(method, target, destination, headers, body.length);
        BackendPool.Lease lease = pool.lease(destination, deadline - nanoTime.getAsLong());
        if (lease == null) {
            throw new TimedOut(new SocketTimeoutException("no connection to " + destination.authority() + " came free in time"));
        }
        try (lease) {
            BackendConnection pooled = lease.take();
            if (pooled != null) {
                try {
                    return exchange(pooled, lease, method, head, body, deadline);
                } catch (BackendConnection.NothingReceived e) {
                    if (!IDEMPOTENT.contains(method) || nanoTime.getAsLong() >= deadline) {
                        throw failure(e, deadline);
                    }
                }
            }
            return exchange(connect(destination, deadline), lease, method, head, body, deadline);
        }
    }

    private Answer exchange(BackendConnection c, BackendPool.Lease lease, String method, byte[] head, byte[] body,
                            long deadline) throws IOException, TimedOut {
        AtomicBoolean settled = new AtomicBoolean();
        Thread watchdog = body.length > WATCHED_BODY ? watchdog(c, deadline, settled) : null;
        boolean closedByWatchdog = false;
        BackendConnection.Exchange done;
        try {
            done = c.exchange(head, body, method.equals("HEAD"), deadline, MAX_RESPONSE);
        } catch (IOException e) {
            c.close();
            throw failure(e, deadline);
        } catch (RuntimeException e) {
            c.close();
            throw failure(new IOException(e), deadline);
        } finally {
            if (watchdog != null) {
                closedByWatchdog = !settled.compareAndSet(false, true);
                watchdog.interrupt();
            }
        }
        if (done.reusable() && !closedByWatchdog) {
            lease.give(c);
        } else {
            c.close();
        }
        return done.answer();
    }

    /**
     * Opens a connection within what is left of the deadline. A backend that does not answer the
     * connection (a blackholed address, a full backlog) or the TLS handshake in time is the
     * integration's timeout (API Gateway's 504), not an unreachable backend.
     */
    private BackendConnection connect(BackendDestination destination, long deadline) throws IOException, TimedOut {
        int left = BackendConnection.remainingMillis(deadline, nanoTime);
        try {
            return BackendConnection.open(destination, Math.min(connectTimeoutMillis, left), tlsFactory, deadline, nanoTime);
        } catch (SocketTimeoutException e) {
            throw new TimedOut(e);
        } catch (IOException e) {
            throw failure(e, deadline);
        }
    }

    /** A failure past the deadline is the integration's timeout; any other is the backend's. */
    private <E extends Exception> E failure(E e, long deadline) throws TimedOut {
        if (e instanceof SocketTimeoutException || nanoTime.getAsLong() >= deadline) {
            if (nanoTime.getAsLong() >= deadline - TimeUnit.MILLISECONDS.toNanos(1)) {
                throw new TimedOut(e);
            }
        }
        return e;
    }

    /**
     * Closes the connection at the deadline unless the exchange ended first: a large body's write has
     * no timeout of its own. The watchdog and the exchange race for {@code settled}; the watchdog closes
     * the connection only when it wins, and the exchange keeps the connection only when it wins, so a
     * late watchdog never closes a connection another call has since taken from the pool.
     */
    private Thread watchdog(BackendConnection c, long deadline, AtomicBoolean settled) {
        return Thread.ofVirtual().name("apigw-backend-deadline").start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(deadline - nanoTime.getAsLong());
                if (settled.compareAndSet(false, true)) {
                    c.close();
                }
            } catch (InterruptedException e) {
                // the call ended in time
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
