package io.haneul.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Large requests over raw sockets, each on its own connection, the way a client that means harm sends
 * them: the body is made as it is written (the test holds 64 KiB of filler, whatever the size), and
 * the answer is read while the body is still going out, so a server that answers early and closes
 * is seen answering rather than as a broken pipe.
 */
public final class BodyFlood {

    private static final byte[] FILLER = filler();

    /**
     * One request of the flood.
     *
     * @param method  e.g. POST
     * @param target  the request target, e.g. {@code /} or {@code /bucket?policy}
     * @param headers headers besides Host and the length (Content-Type, X-Amz-Target, a signature)
     * @param prefix  the body's first bytes (e.g. {@code Action=SendMessage&...&MessageBody=}), then filler
     * @param length  the whole body's length
     * @param chunked sent with {@code Transfer-Encoding: chunked} rather than a Content-Length
     */
    public record Post(String method, String target, Map<String, String> headers, byte[] prefix, long length, boolean chunked) {
    }

    /**
     * What came back: the status (-1 when the connection ended without a status line) and, for a
     * status, its error envelope.
     */
    public record Answer(int status, String contentType, byte[] body, String failure) {
        public String text() {
            return status < 0 ? failure : status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private BodyFlood() {
    }

    /** Sends all posts at once, one connection each, and returns their answers in order. */
    public static List<Answer> sendAll(int port, List<Post> posts, Duration timeout) throws InterruptedException {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (Post p : posts) {
                answers.add(threads.submit((Callable<Answer>) () -> send(port, p, timeout)));
            }
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> f : answers) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(new Answer(-1, "", new byte[0], String.valueOf(e.getCause())));
                }
            }
            return out;
        }
    }

    /** Sends one post and reads its answer while the body is still being written. */
    public static Answer send(int port, Post post, Duration timeout) throws InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(post.method() + " " + post.target() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            post.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append(post.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + post.length()).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> writeBody(out, post));
            Answer answer;
            try {
                answer = read(new BufferedInputStream(socket.getInputStream()));
            } catch (IOException e) {
                answer = new Answer(-1, "", new byte[0], e.toString());
            }
            socket.close(); // stops the writer if the server answered before reading it all
            writer.join();
            return answer;
        } catch (IOException e) {
            return new Answer(-1, "", new byte[0], e.toString());
        }
    }

    private static void writeBody(OutputStream out, Post post) {
        try {
            long left = post.length();
            byte[] prefix = post.prefix();
            write(out, prefix, prefix.length, post.chunked());
            left -= prefix.length;
            while (left > 0) {
                int n = (int) Math.min(FILLER.length, left);
                write(out, FILLER, n, post.chunked());
                left -= n;
            }
            if (post.chunked()) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before taking the whole body: what a refusal looks like
        }
    }

    private static void write(OutputStream out, byte[] bytes, int n, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, n);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            return new Answer(-1, "", new byte[0], "connection closed without an answer");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        String contentType = "";
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        byte[] body = length < 0 ? new byte[0] : in.readNBytes((int) length);
        return new Answer(code, contentType, body, null);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] filler() {
        byte[] b = new byte[64 * 1024];
        Arrays.fill(b, (byte) 'a');
        return b;
    }
}
