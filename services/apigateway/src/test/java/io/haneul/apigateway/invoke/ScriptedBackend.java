package io.haneul.apigateway.invoke;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend on a loopback socket whose answers are written byte for byte by the test, so that every
 * way HTTP/1.1 frames an answer (length, chunks, the connection's end, none at all) can be served.
 * Records each request (head and body) and counts the connections it accepted.
 */
final class ScriptedBackend implements AutoCloseable {

    /**
     * What one request gets: the bytes written back, whether the connection is closed after them, and
     * whether they are written again and again until the client hangs up.
     */
    record Reply(byte[] bytes, boolean close, boolean forever) {
        Reply(byte[] bytes, boolean close) {
            this(bytes, close, false);
        }

        static Reply of(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        static Reply closing(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), true);
        }

        /** Reads the request, then never answers. */
        static Reply silence() {
            return new Reply(null, false);
        }

        /** Writes {@code raw} over and over, never ending the answer. */
        static Reply endlessly(String raw) {
            return new Reply(raw.getBytes(StandardCharsets.ISO_8859_1), false, true);
        }

        /** Reads the request, then resets the connection without answering. */
        static Reply reset() {
            return new Reply(new byte[0], true);
        }
    }

    /** A request as received: its head (request line and headers) and its body. */
    record Received(String head, byte[] body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** Tells of each connection this backend closed, once it is closed. */
    private final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    /** Tells of each connection the client closed. */
    private final BlockingQueue<Integer> hungUp = new LinkedBlockingQueue<>();

    ScriptedBackend() throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** @param server a TLS server socket makes an https backend */
    ScriptedBackend(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().start(this::accept);
    }

    String url(String path) {
        String scheme = server instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getLocalPort() + path;
    }

    int port() {
        return server.getLocalPort();
    }

    ScriptedBackend then(Reply reply) {
        replies.add(reply);
        return this;
    }

    int connections() {
        return connections.get();
    }

    List<Received> received() {
        return received;
    }

    /** Waits until the backend has closed one more connection of its own accord. */
    void awaitClosed() throws InterruptedException {
        closed.take();
    }

    /** Waits until the client has closed one more connection. */
    void awaitHungUp() throws InterruptedException {
        hungUp.take();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                int n = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int n) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    hungUp.add(n);
                    return;
                }
                byte[] body = in.readNBytes(contentLength(head));
                received.add(new Received(head, body));
                Reply reply = replies.take();
                if (reply.bytes() == null) {
                    in.read(); // holds the connection without answering until the client gives up
                    return;
                }
                if (reply.bytes().length == 0 && reply.close()) {
                    s.setSoLinger(true, 0); // a reset rather than an orderly close
                    s.close();
                    return;
                }
                try {
                    do {
                        out.write(reply.bytes());
                        out.flush();
                    } while (reply.forever());
                } catch (IOException e) {
                    return; // the client stopped reading (a refused answer)
                }
                if (reply.close()) {
                    s.close();
                    closed.add(n);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
