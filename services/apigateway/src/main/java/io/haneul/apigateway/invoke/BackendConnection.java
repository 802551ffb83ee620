package io.haneul.apigateway.invoke;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.util.BufferUtil;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One keep-alive HTTP/1.1 connection to a backend, used by one call at a time on the caller's own
 * (virtual) thread: the request is written with blocking writes and the answer read with blocking
 * reads, each bounded by what is left of the call's deadline, and parsed by Jetty's HTTP parser.
 * No selector or client thread pool stands between the caller and the socket. The socket is an NIO
 * channel so that an idle connection can be checked without blocking ({@link #stillOpen}); TLS is the
 * JDK's SSL socket layered over it, with the host name verified.
 */
final class BackendConnection implements AutoCloseable {

    private static final int READ_BUFFER = 16 * 1024;
    /** A body up to this size goes out in the same write as the request head. */
    private static final int JOINED_WRITE = 16 * 1024;

    /** The call failed before any byte of an answer came back: a pooled connection the backend had closed. */
    static final class NothingReceived extends IOException {
        NothingReceived(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An answer, and whether the connection may carry the next call. */
    record Exchange(BackendClient.Answer answer, boolean reusable) {
    }

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[READ_BUFFER];
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final LongSupplier nanoTime;
    private long idleSince;

    private BackendConnection(SocketChannel channel, Socket socket, LongSupplier nanoTime) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.nanoTime = nanoTime;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects, and for https runs the TLS handshake (host name verified) bounded by what is left of
     * the deadline, so that a backend that accepts and stays silent cannot hold the call.
     *
     * @param tlsFactory    makes the TLS layer over the plain socket
     * @param deadlineNanos on {@code nanoTime}'s scale
     */
    static BackendConnection open(BackendDestination destination, int connectMillis, SSLSocketFactory tlsFactory,
                                  long deadlineNanos, LongSupplier nanoTime) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket plain = channel.socket();
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(destination.resolvableHost(), destination.port()), connectMillis);
            Socket socket = plain;
            if (destination.tls()) {
                SSLSocket tls = (SSLSocket) tlsFactory.createSocket(plain, destination.resolvableHost(), destination.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.setSoTimeout(remainingMillis(deadlineNanos, nanoTime));
                tls.startHandshake();
                socket = tls;
            }
            return new BackendConnection(channel, socket, nanoTime);
        } catch (IOException e) {
            channel.close();
            throw e;
        } catch (RuntimeException e) {
            channel.close();
            throw new IOException("cannot connect to " + destination.authority(), e);
        }
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param head          the request line and headers ({@link BackendRequestHead})
     * @param headRequest   a HEAD request, whose answer has no body whatever its headers say
     * @param deadlineNanos on {@link System#nanoTime}'s scale; a read past it fails with a timeout
     * @param limit         the most bytes of body accepted
     * @throws NothingReceived when the connection failed before any byte of the answer came back
     */
    Exchange exchange(byte[] head, byte[] body, boolean headRequest, long deadlineNanos, int limit) throws IOException {
        try {
            if (body.length > 0 && body.length <= JOINED_WRITE) {
                byte[] joined = java.util.Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, joined, head.length, body.length);
                out.write(joined);
            } else {
                out.write(head);
                if (body.length > 0) {
                    out.write(body);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new NothingReceived("the backend connection failed while the request was sent", e);
        }
        BackendAnswerCollector collector = new BackendAnswerCollector(limit);
        HttpParser parser = new HttpParser(collector);
        parser.setHeadResponse(headRequest);
        ByteBuffer view = ByteBuffer.wrap(buffer, 0, 0);
        boolean received = false;
        boolean endOfStream = false;
        while (true) {
            if (!view.hasRemaining()) {
                int n = read(deadlineNanos, received);
                if (n < 0) {
                    if (!received) {
                        throw new NothingReceived("the backend closed the connection without answering", null);
                    }
                    endOfStream = true;
                    parser.atEOF();
                    parser.parseNext(BufferUtil.EMPTY_BUFFER); // ends an answer delimited by the connection's end
                    check(collector, limit);
                    if (!collector.complete()) {
                        throw new IOException("the backend closed the connection before the end of its answer");
                    }
                    break;
                }
                received = true;
                view.limit(n).position(0);
            }
            int before = view.position();
            parser.parseNext(view);
            check(collector, limit);
            if (collector.interim()) {
                parser.reset(); // a 1xx answer (103 Early Hints): the real one follows
                collector.restart();
                continue;
            }
            if (collector.complete()) {
                break;
            }
            if (view.hasRemaining() && view.position() == before) {
                throw new IOException("the backend's answer could not be read");
            }
        }
        boolean reusable = !endOfStream && !view.hasRemaining() && collector.persistent();
        return new Exchange(collector.answer(), reusable);
    }

    private int read(long deadlineNanos, boolean received) throws IOException {
        if (nanoTime.getAsLong() >= deadlineNanos) {
            throw new java.net.SocketTimeoutException("the deadline passed while the answer was read");
        }
        try {
            socket.setSoTimeout(remainingMillis(deadlineNanos, nanoTime));
            return in.read(buffer);
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            if (!received) {
                throw new NothingReceived("the backend connection failed before its answer", e);
            }
            throw e;
        }
    }

    private static void check(BackendAnswerCollector collector, int limit) throws IOException {
        if (collector.tooLarge()) {
            throw new IOException("the backend's answer is larger than " + limit + " bytes");
        }
        if (collector.failure() != null) {
            throw new IOException(collector.failure());
        }
    }

    /** Whether an idle connection is still usable: nothing to read, and not closed by the backend (a non-blocking peek). */
    boolean stillOpen() {
        try {
            channel.configureBlocking(false);
            try {
                probe.clear();
                return channel.read(probe) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    void idleFrom(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** At least 1 ms: a socket timeout of 0 would mean none. */
    static int remainingMillis(long deadlineNanos, LongSupplier nanoTime) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoTime.getAsLong());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }
}
