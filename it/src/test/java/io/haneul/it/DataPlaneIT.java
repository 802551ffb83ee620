package io.haneul.it;

import io.haneul.it.support.EchoModule;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The data-plane SPI through the real listener, with a test module ({@link EchoModule}) that has no
 * API model: routes by path and by host, streamed and buffered bodies, a plane that hands a request
 * on, failures answered without internals, and WebSocket upgrades with the JDK's own client: echo,
 * explicit demand, subprotocols, refusals, the message size limit (1009) and the idle timeout.
 */
class DataPlaneIT {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("--max-body-bytes", "4096");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Collects what a WebSocket receives, messages as text ("bin:<n>" for binary) and the close. */
    static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            messages.add("bin:" + data.remaining());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "a message within 10 s");
            return m;
        }
    }

    static WebSocket connect(String pathAndQuery, Recorder recorder, String... subprotocols) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery), recorder).join();
    }

    @Test
    void aWebSocketEchoesTextAndBinaryAndClosesWithTheModulesCode() throws Exception {
        Recorder r = new Recorder();
        WebSocket ws = connect(EchoModule.PATH + "ws", r);
        assertEquals("hello client", r.next());
        ws.sendText("hi", true).join();
        assertEquals("echo:hi", r.next());
        ws.sendBinary(ByteBuffer.wrap(new byte[100]), true).join();
        assertEquals("bin:100", r.next());
        ws.sendText("close", true).join();
        assertEquals(4000, r.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEndpointThatDemandsEachFrameStillGetsThemAllInOrder() throws Exception {
        Recorder r = new Recorder();
        WebSocket ws = connect(EchoModule.PATH + "manual", r, "other", "echo.v1");
        assertEquals("echo.v1", ws.getSubprotocol(), "the subprotocol the plane chose");
        assertEquals("hello client", r.next());
        for (int i = 0; i < 20; i++) {
            ws.sendText("m" + i, true).join();
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("manual:m" + i, r.next());
        }
        ws.sendClose(1000, "done").join();
        assertEquals(1000, r.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        Recorder r = new Recorder();
        WebSocket ws = connect(EchoModule.PATH + "ws", r);
        assertEquals("hello client", r.next());
        ws.sendText("x".repeat(EchoModule.MAX_MESSAGE + 1), true);
        assertEquals(1009, r.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Recorder r = new Recorder();
        connect(EchoModule.PATH + "ws?idle=300", r);
        assertEquals("hello client", r.next());
        int code = r.closed.get(10, TimeUnit.SECONDS);
        assertEquals(1001, code, "closed as going away when idle");
    }

    @Test
    void aRefusedUpgradeIsTheHttpAnswerThePlaneChose() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + EchoModule.PATH + "refuse"), new Recorder()).get());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());
    }

    @Test
    void planesAreReachedByPathAndByHostAndAnswerUnsigned() {
        var byPath = JavaHttp.post(URI.create(server.endpoint() + EchoModule.PATH + "x"), Map.of(), "abc");
        assertEquals(200, byPath.statusCode(), JavaHttp.text(byPath));
        assertTrue(JavaHttp.text(byPath).contains("\"bytes\":3"), JavaHttp.text(byPath));
        assertTrue(JavaHttp.text(byPath).contains("\"caller\":\"anonymous\""), JavaHttp.text(byPath));
        RawHttp.Response byHost = RawHttp.send(server.port(), "PUT", "/anything", Map.of("Host", "api1.echo.localhost:" + server.port()), "hello");
        assertEquals(200, byHost.status(), byHost::toString);
        assertTrue(byHost.text().contains("\"host\":\"api1.echo.localhost\""), byHost::toString);
        assertTrue(byHost.text().contains("\"path\":\"/anything\""), byHost::toString);
        RawHttp.Response otherHost = RawHttp.send(server.port(), "GET", "/anything", Map.of("Host", "echo.localhost"), (byte[]) null);
        assertFalse(otherHost.text().contains("\"caller\""), "the wildcard is never empty: not the plane's host " + otherHost);
        assertTrue(otherHost.text().contains("<Code>NoSuchBucket</Code>"), "S3's virtual host for bucket 'echo' instead: " + otherHost);
    }

    @Test
    void aStreamingPlaneTakesBodiesOverTheBufferLimitAndOthersAnswer413() {
        byte[] big = new byte[100_000];
        var streamed = JavaHttp.post(URI.create(server.endpoint() + EchoModule.PATH + "stream"), Map.of(), big);
        assertEquals(200, streamed.statusCode(), JavaHttp.text(streamed));
        assertTrue(JavaHttp.text(streamed).contains("\"bytes\":100000"), JavaHttp.text(streamed));
        // Expect: 100-continue, so the client reads the early 413 instead of racing it with a body the server will not read
        var buffered = JavaHttp.send(java.net.http.HttpRequest.newBuilder(URI.create(server.endpoint() + EchoModule.PATH + "buffered"))
                .expectContinue(true).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals(413, buffered.statusCode(), JavaHttp.text(buffered));
    }

    @Test
    void aPlaneThatDeclinesHandsTheRequestOnToTheApis() {
        RawHttp.Response declined = RawHttp.send(server.port(), "POST", "/@connections/abc",
                Map.of("Host", "api1.echo.localhost", "Content-Type", "application/json"), "{}");
        assertFalse(declined.text().contains("\"caller\""), "not answered by the plane: " + declined);
        // handed on to API resolution: the host is then an S3 virtual host (bucket api1.echo), whose API answers
        assertTrue(declined.text().contains("<Error><Code>"), declined::toString);
        assertNotNull(declined.header("x-amz-request-id"), "answered by S3's protocol engine");
    }

    @Test
    void aFailingPlaneAnswers500WithoutItsInternals() {
        var failed = JavaHttp.get(URI.create(server.endpoint() + EchoModule.PATH + "fail"));
        assertEquals(500, failed.statusCode());
        assertFalse(JavaHttp.text(failed).contains("secret"), JavaHttp.text(failed));
        assertFalse(JavaHttp.text(failed).contains("Exception"), JavaHttp.text(failed));
        String metrics = JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/metrics")));
        assertTrue(metrics.contains("it-echo"), "plane requests are counted under their module");
    }

    @Test
    void aPlaneMayRequireASignatureInStrictMode(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, "AKIAHANEULPLANE00001 planeSecret 111122223333\n");
        try (TestServer strict = TestServer.start("--auth", "strict", "--credentials", creds.toString())) {
            var open = JavaHttp.get(URI.create(strict.endpoint() + EchoModule.PATH + "open"));
            assertEquals(200, open.statusCode(), "the plane decides: this route is public");
            var unsigned = JavaHttp.get(URI.create(strict.endpoint() + EchoModule.PATH + "private?signed"));
            assertEquals(403, unsigned.statusCode());
            assertTrue(JavaHttp.text(unsigned).contains("MissingAuthenticationToken"), JavaHttp.text(unsigned));
            String host = "127.0.0.1:" + strict.port();
            Map<String, String> auth = new io.haneul.it.support.HandSigner("AKIAHANEULPLANE00001", "planeSecret", "us-east-1",
                    "execute-api").signHeaders("GET", host, EchoModule.PATH + "private", "signed=", java.time.Instant.now());
            RawHttp.Response signed = RawHttp.send(strict.port(), "GET", EchoModule.PATH + "private?signed", auth, (byte[]) null);
            assertEquals(200, signed.status(), signed::toString);
            assertTrue(signed.text().contains("\"caller\":\"111122223333\""), signed::toString);
            // a streaming plane's body without x-amz-content-sha256 is read, then verified as signed
            Map<String, String> streamAuth = new io.haneul.it.support.HandSigner("AKIAHANEULPLANE00001", "planeSecret", "us-east-1",
                    "execute-api").signHeaders("GET", host, EchoModule.PATH + "stream", "signed=", java.time.Instant.now());
            RawHttp.Response streamed = RawHttp.send(strict.port(), "GET", EchoModule.PATH + "stream?signed", streamAuth, (byte[]) null);
            assertEquals(200, streamed.status(), streamed::toString);
            assertTrue(streamed.text().contains("\"caller\":\"111122223333\""), streamed::toString);
            Map<String, String> wrongPath = new io.haneul.it.support.HandSigner("AKIAHANEULPLANE00001", "planeSecret", "us-east-1",
                    "execute-api").signHeaders("GET", host, EchoModule.PATH + "other", "signed=", java.time.Instant.now());
            RawHttp.Response forged = RawHttp.send(strict.port(), "GET", EchoModule.PATH + "stream?signed", wrongPath, (byte[]) null);
            assertEquals(403, forged.status(), "a signature over another request is refused: " + forged);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
