import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AppStream streaming: time from asking for a streaming URL to the first frame (JDK only, run with
 * `java FirstFrame.java http://127.0.0.1:PORT RUNS`). Each run asks Haneul's operator route for a URL
 * (xclock), opens it as a browser does (token for cookie), opens the viewer's WebSocket, speaks RFB
 * (version, security None, ClientInit, raw encoding, a full update request) and stops the clock when
 * the first FramebufferUpdate arrives; then reads the session's resident memory (Xvnc, the window
 * manager and xclock, from /proc) and ends it. Then, in one xterm session, input-to-pixel latency
 * (a key press to the FramebufferUpdate that shows its echo) and, in one session of X's animated
 * {@code ico}, updates per second at 1280x720 (each answered by the next incremental request, as
 * noVNC does).
 */
public class FirstFrame {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What the WebSocket received, as one stream of bytes (RFB messages span frames freely). */
    static final class Received extends InputStream implements WebSocket.Listener {
        final BlockingQueue<ByteBuffer> chunks = new LinkedBlockingQueue<>();
        ByteBuffer current = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            chunks.add(copy);
            ws.request(1);
            return null;
        }

        static final ByteBuffer CLOSED = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            chunks.add(CLOSED);
            return null;
        }

        @Override
        public int read() throws IOException {
            try {
                while (!current.hasRemaining()) {
                    current = chunks.take();
                    if (current == CLOSED) {
                        chunks.add(CLOSED);
                        return -1;
                    }
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return current.get() & 0xFF;
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "5");
        List<Double> times = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String body = "{\"userId\":\"bench" + i + "\",\"launchPath\":\"/usr/bin/xclock\",\"launchParameters\":\"-update 1\",\"fleetName\":\"bench\"}";
            HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_haneul/appstream/streaming-urls"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher url = Pattern.compile("\"streamingUrl\":\"([^\"]+)\"").matcher(made.body());
            if (!url.find()) throw new IllegalStateException(made.body());
            HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url.group(1))).build(), HttpResponse.BodyHandlers.ofString());
            Matcher viewer = Pattern.compile("url=(/_aws/appstream/session/([0-9a-f-]{36})/)").matcher(opened.body());
            if (!viewer.find()) throw new IllegalStateException(opened.statusCode() + " " + opened.body());
            String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            Received in = new Received();
            WebSocket ws = HTTP.newWebSocketBuilder().header("Cookie", cookie).header("Origin", base)
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + viewer.group(1) + "websocket"), in).join();
            DataInputStream rfb = new DataInputStream(in);
            rfb.readFully(new byte[12]);                               // ProtocolVersion
            send(ws, "RFB 003.008\n".getBytes());
            rfb.readFully(new byte[rfb.readUnsignedByte()]);           // security types
            send(ws, new byte[]{1});                                   // None
            rfb.readInt();                                             // SecurityResult
            send(ws, new byte[]{1});                                   // ClientInit, shared
            int w = rfb.readUnsignedShort(), h = rfb.readUnsignedShort();
            rfb.readFully(new byte[16]);                               // pixel format
            rfb.readFully(new byte[rfb.readInt()]);                    // desktop name
            send(ws, new byte[]{2, 0, 0, 1, 0, 0, 0, 0});              // SetEncodings: raw
            send(ws, new byte[]{3, 0, 0, 0, 0, 0, (byte) (w >> 8), (byte) w, (byte) (h >> 8), (byte) h}); // full update
            while (rfb.readUnsignedByte() != 0) {
                // only a FramebufferUpdate (type 0) counts; Xvnc sends nothing else before it here
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            times.add(ms);
            String session = viewer.group(2);
            rss.add(sessionRss(base, session));
            ws.abort();
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_haneul/appstream/streaming-sessions/expire?sessionId=" + session))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            System.out.printf("run %d: URL to first frame %.0f ms (%dx%d), session RSS %d KiB%n", i + 1, ms, w, h, rss.getLast());
        }
        latency(base);
        fps(base);
        Collections.sort(times);
        System.out.printf("RESULT url_to_first_frame_ms median=%.0f min=%.0f max=%.0f idle_session_rss_kib=%d runs=%d%n",
                times.get(times.size() / 2), times.getFirst(), times.getLast(), rss.stream().mapToLong(Long::longValue).sum() / rss.size(), runs);
    }

    /** An RFB connection to a fresh session of {@code launch}, past ServerInit, raw encoding asked for. */
    record Rfb(WebSocket ws, DataInputStream in, int w, int h, String session) {
        void request(boolean incremental) {
            send(ws, new byte[]{3, (byte) (incremental ? 1 : 0), 0, 0, 0, 0, (byte) (w >> 8), (byte) w, (byte) (h >> 8), (byte) h});
        }

        /** Reads one server message; returns the pixels a FramebufferUpdate carried, or -1 for another message. */
        long message() throws IOException {
            int type = in.readUnsignedByte();
            if (type == 0) {
                in.readUnsignedByte();
                int rects = in.readUnsignedShort();
                long pixels = 0;
                for (int r = 0; r < rects; r++) {
                    in.readFully(new byte[4]);
                    int rw = in.readUnsignedShort(), rh = in.readUnsignedShort();
                    int enc = in.readInt();
                    if (enc != 0) throw new IOException("unexpected encoding " + enc);
                    in.readFully(new byte[rw * rh * 4]);
                    pixels += (long) rw * rh;
                }
                return pixels;
            }
            if (type == 2) return -1;                                  // Bell
            if (type == 3) { in.readFully(new byte[3]); in.readFully(new byte[in.readInt()]); return -1; } // ServerCutText
            throw new IOException("unexpected message " + type);
        }

        void end(String base) throws Exception {
            ws.abort();
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_haneul/appstream/streaming-sessions/expire?sessionId=" + session))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    static Rfb connect(String base, String user, String launch, String params) throws Exception {
        String body = "{\"userId\":\"" + user + "\",\"launchPath\":\"" + launch + "\",\"launchParameters\":\"" + params + "\",\"fleetName\":\"bench\"}";
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_haneul/appstream/streaming-urls"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher url = Pattern.compile("\"streamingUrl\":\"([^\"]+)\"").matcher(made.body());
        if (!url.find()) throw new IllegalStateException(made.body());
        HttpResponse<String> opened = HTTP.send(HttpRequest.newBuilder(URI.create(url.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher viewer = Pattern.compile("url=(/_aws/appstream/session/([0-9a-f-]{36})/)").matcher(opened.body());
        if (!viewer.find()) throw new IllegalStateException(opened.statusCode() + " " + opened.body());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Received in = new Received();
        WebSocket ws = HTTP.newWebSocketBuilder().header("Cookie", cookie).header("Origin", base)
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + viewer.group(1) + "websocket"), in).join();
        DataInputStream rfb = new DataInputStream(in);
        rfb.readFully(new byte[12]);
        send(ws, "RFB 003.008\n".getBytes());
        rfb.readFully(new byte[rfb.readUnsignedByte()]);
        send(ws, new byte[]{1});
        rfb.readInt();
        send(ws, new byte[]{1});
        int w = rfb.readUnsignedShort(), h = rfb.readUnsignedShort();
        rfb.readFully(new byte[16]);
        rfb.readFully(new byte[rfb.readInt()]);
        send(ws, new byte[]{2, 0, 0, 1, 0, 0, 0, 0});
        return new Rfb(ws, rfb, w, h, viewer.group(2));
    }

    /** Key press to the update that shows xterm's echo, median of 20 keys. */
    static void latency(String base) throws Exception {
        Rfb rfb = connect(base, "bench-latency", "/usr/bin/xterm", "");
        rfb.request(false);
        while (rfb.message() < 0) { }
        Thread.sleep(1000);                                            // xterm's window and prompt drawn
        rfb.request(true);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            // drain what is pending: ask once more and wait a moment for quiet
            long t0 = System.nanoTime();
            int key = 'a' + (i % 26);
            send(rfb.ws(), new byte[]{4, 1, 0, 0, 0, 0, 0, (byte) key});
            send(rfb.ws(), new byte[]{4, 0, 0, 0, 0, 0, 0, (byte) key});
            long pixels;
            do {
                pixels = rfb.message();
            } while (pixels <= 0);
            if (i > 0) ms.add((System.nanoTime() - t0) / 1e6);
            rfb.request(true);
            Thread.sleep(50);
        }
        Collections.sort(ms);
        System.out.printf("RESULT input_to_pixel_ms median=%.1f min=%.1f max=%.1f keys=%d%n", ms.get(ms.size() / 2), ms.getFirst(), ms.getLast(), ms.size());
        rfb.end(base);
    }

    /** Updates per second of X's spinning icosahedron, each answered by the next incremental request, for 5 s. */
    static void fps(String base) throws Exception {
        Rfb rfb = connect(base, "bench-fps", "/usr/bin/ico", "-faces");
        rfb.request(false);
        while (rfb.message() < 0) { }
        long frames = 0, pixels = 0, t0 = System.nanoTime(), end = t0 + 5_000_000_000L;
        while (System.nanoTime() < end) {
            rfb.request(true);
            long p;
            do {
                p = rfb.message();
            } while (p < 0);
            frames++;
            pixels += p;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT animated_updates_per_s=%.1f screen=%dx%d mean_pixels_per_update=%d%n", frames / secs, rfb.w(), rfb.h(), pixels / frames);
        rfb.end(base);
    }

    static void send(WebSocket ws, byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The session's processes' resident memory, from the operator route's pids and /proc. */
    static long sessionRss(String base, String session) throws Exception {
        String list = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_haneul/appstream/streaming-sessions")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"sessionId\":\"" + session + "\".*?\"pids\":\\[([0-9,]*)\\]").matcher(list);
        long kib = 0;
        if (m.find() && !m.group(1).isEmpty()) {
            for (String pid : m.group(1).split(",")) {
                for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                    if (line.startsWith("VmRSS:")) kib += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return kib;
    }
}
