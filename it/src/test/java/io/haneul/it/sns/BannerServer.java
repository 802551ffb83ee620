package io.haneul.it.sns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP service on 127.0.0.1 that is not an HTTP server: it answers a request with a banner, as SSH
 * or SMTP would, except that it answers SNS's SubscriptionConfirmation like an HTTP endpoint (200)
 * so that a test can confirm a subscription to it. What SNS tells the subscriber about a failed
 * delivery must not contain the banner.
 */
final class BannerServer implements AutoCloseable {

    static final String BANNER = "SSH-2.0-OpenSSH_9.6 secret-banner-7431";

    private final ServerSocket socket;
    private final BlockingQueue<String> confirmations = new LinkedBlockingQueue<>();

    BannerServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("banner-server").start(this::serve);
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** The body of the next SubscriptionConfirmation, waiting up to {@code seconds}. */
    String nextConfirmation(int seconds) throws InterruptedException {
        String body = confirmations.poll(seconds, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no SubscriptionConfirmation within " + seconds + " s");
        }
        return body;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                String request = readRequest(s.getInputStream());
                OutputStream out = s.getOutputStream();
                if (request.contains("SubscriptionConfirmation")) {
                    confirmations.add(request.substring(request.indexOf("\r\n\r\n") + 4));
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write((BANNER + "\r\nProtocol mismatch.\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    /** The request's head and its Content-Length bytes of body. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.UTF_8);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
