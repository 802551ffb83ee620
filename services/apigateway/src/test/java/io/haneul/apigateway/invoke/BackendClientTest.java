package io.haneul.apigateway.invoke;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP integrations' blocking client against a backend whose answers are written byte for byte. */
class BackendClientTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

    private final BackendClient client = new BackendClient();
    private final ScriptedBackend backend = new ScriptedBackend();

    BackendClientTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        backend.close();
    }

    private BackendClient.Answer get(String path) throws Exception {
        return client.send("GET", URI.create(backend.url(path)), List.of(), new byte[0], 5_000);
    }

    private static String text(BackendClient.Answer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsTheRequestAsGivenAndReusesTheConnection() throws Exception {
        backend.then(ScriptedBackend.Reply.of(OK)).then(ScriptedBackend.Reply.of(OK));
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        BackendClient.Answer first = client.send("POST", URI.create(backend.url("/items/a%20b?x=1&y=%2F")),
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-Multi", "1"), Map.entry("X-Multi", "2"),
                        Map.entry("X-Evil", "a\r\nInjected: yes"), Map.entry("Content-Length", "999")), body, 5_000);
        assertEquals(200, first.status());
        assertEquals("hello", text(first));
        assertEquals(List.of(Map.entry("Content-Type", "text/plain"), Map.entry("Content-Length", "5")), first.headers());
        ScriptedBackend.Received r = backend.received().getFirst();
        assertTrue(r.head().startsWith("POST /items/a%20b?x=1&y=%2F HTTP/1.1\r\n"), r.head());
        assertEquals("127.0.0.1:" + backend.port(), r.header("Host"));
        assertEquals("7", r.header("Content-Length"));
        assertEquals("a  Injected: yes", r.header("X-Evil"));
        assertNull(r.header("Injected"));
        assertNull(r.header("User-Agent")); // the client adds none of its own
        assertNull(r.header("Accept-Encoding"));
        assertTrue(r.head().contains("X-Multi: 1\r\nX-Multi: 2\r\n"), r.head());
        assertArrayEquals(body, r.body());

        assertEquals("hello", text(get("/again")));
        assertEquals(1, backend.connections());
        assertNull(backend.received().get(1).header("Content-Length"));
    }

    @Test
    void readsChunkedAnswers() throws Exception {
        backend.then(ScriptedBackend.Reply.of("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n")).then(ScriptedBackend.Reply.of(OK));
        BackendClient.Answer a = get("/");
        assertEquals(201, a.status());
        assertEquals("abcdefg", text(a));
        assertEquals("hello", text(get("/")));
        assertEquals(1, backend.connections());
    }

    @Test
    void readsAnAnswerEndedByTheConnection() throws Exception {
        backend.then(ScriptedBackend.Reply.closing("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"))
                .then(ScriptedBackend.Reply.of(OK));
        assertEquals("until the end", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.connections());
    }

    @Test
    void answersWithoutBodies() throws Exception {
        backend.then(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"))
                .then(ScriptedBackend.Reply.of("HTTP/1.1 204 No Content\r\n\r\n"))
                .then(ScriptedBackend.Reply.of("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n"))
                .then(ScriptedBackend.Reply.of("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + OK))
                .then(ScriptedBackend.Reply.of(OK));
        BackendClient.Answer head = client.send("HEAD", URI.create(backend.url("/")), List.of(), new byte[0], 5_000);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(204, get("/").status());
        assertEquals(304, get("/").status());
        BackendClient.Answer hinted = get("/");
        assertEquals(200, hinted.status());
        assertEquals("hello", text(hinted));
        assertTrue(hinted.headers().stream().noneMatch(h -> h.getKey().equals("Link")));
        assertEquals("hello", text(get("/")));
        assertEquals(1, backend.connections());
    }

    @Test
    void aConnectionTheBackendClosedIsNotReused() throws Exception {
        backend.then(ScriptedBackend.Reply.closing(OK)).then(ScriptedBackend.Reply.of(OK));
        assertEquals("hello", text(get("/")));
        backend.awaitClosed();
        BackendClient.Answer post = client.send("POST", URI.create(backend.url("/")), List.of(), "x".getBytes(StandardCharsets.UTF_8), 5_000);
        assertEquals("hello", text(post));
        assertEquals(2, backend.connections());
        assertEquals(2, backend.received().size()); // the POST was sent once
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        backend.then(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"))
                .then(ScriptedBackend.Reply.of(OK));
        assertEquals("ok", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.connections());
    }

    @Test
    void aSilentBackendTimesOut() {
        backend.then(ScriptedBackend.Reply.silence());
        assertThrows(BackendClient.TimedOut.class, () -> client.send("GET", URI.create(backend.url("/")), List.of(), new byte[0], 100));
    }

    @Test
    void anAnswerOverTenMegabytesIsRefused() {
        int size = BackendClient.MAX_RESPONSE + 1;
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = java.util.Arrays.copyOf(head, head.length + size);
        backend.then(new ScriptedBackend.Reply(whole, false));
        assertThrows(IOException.class, () -> get("/"));
    }

    @Test
    void anAnswerThatIsNotHttpIsRefused() {
        backend.then(ScriptedBackend.Reply.closing("SSH-2.0-OpenSSH\r\n\r\n"));
        assertThrows(IOException.class, () -> get("/"));
    }

    @Test
    void anAnswerCutShortIsRefused() {
        backend.then(ScriptedBackend.Reply.closing("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
        assertThrows(IOException.class, () -> get("/"));
    }

    @Test
    void aClosedPortIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/");
        IOException e = assertThrows(IOException.class, () -> client.send("GET", nowhere, List.of(), new byte[0], 5_000));
        assertTrue(!(e instanceof java.net.SocketTimeoutException), e.toString());
    }

    @Test
    void onlyHttpUrlsAreTaken() {
        assertThrows(IllegalArgumentException.class,
                () -> client.send("GET", URI.create("ftp://127.0.0.1/"), List.of(), new byte[0], 5_000));
        assertThrows(IllegalArgumentException.class,
                () -> client.send("GE T", URI.create(backend.url("/")), List.of(), new byte[0], 5_000));
    }

    /** A backend that accepts connections (the kernel does) and never reads or writes a byte. */
    private static ServerSocket mute() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Test
    void aTlsBackendThatNeverShakesHandsTimesOut() throws Exception {
        try (ServerSocket mute = mute()) {
            URI target = URI.create("https://127.0.0.1:" + mute.getLocalPort() + "/");
            assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                    assertThrows(BackendClient.TimedOut.class, () -> client.send("GET", target, List.of(), new byte[0], 200)));
        }
    }

    @Test
    void anAnswerWithEndlessHeadersIsRefused() {
        StringBuilder raw = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 200_000; i++) {
            raw.append("X-Header-").append(i).append(": v\r\n");
        }
        backend.then(ScriptedBackend.Reply.of(raw.append("Content-Length: 0\r\n\r\n").toString()));
        IOException e = assertThrows(IOException.class, () -> get("/"));
        assertTrue(e.getMessage().contains("bytes of headers"), e.toString());
    }

    @Test
    void endlessInterimAnswersTimeOut() {
        // in blocks larger than the client's reads, so that every read finds bytes waiting
        backend.then(ScriptedBackend.Reply.endlessly("HTTP/1.1 100 Continue\r\n\r\n".repeat(4096)));
        URI target = URI.create(backend.url("/"));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThrows(BackendClient.TimedOut.class, () -> client.send("GET", target, List.of(), new byte[0], 200)));
    }

    @Test
    void idleConnectionsAreClosedAfterAMinuteWithoutTrafficToTheirDestination() throws Exception {
        AtomicLong now = new AtomicLong(System.nanoTime());
        try (BackendClient clocked = new BackendClient(now::get, (SSLSocketFactory) SSLSocketFactory.getDefault());
             ScriptedBackend other = new ScriptedBackend()) {
            backend.then(ScriptedBackend.Reply.of(OK));
            other.then(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
            clocked.send("GET", URI.create(backend.url("/")), List.of(), new byte[0], 5_000);
            now.addAndGet(TimeUnit.SECONDS.toNanos(61));
            clocked.send("GET", URI.create(other.url("/")), List.of(), new byte[0], 5_000); // not kept: nothing is given back
            assertTimeoutPreemptively(Duration.ofSeconds(5), backend::awaitHungUp);
        }
    }

    @Test
    void aGetOnAConnectionResetBeforeAnyAnswerIsSentAgainOnANewOne() throws Exception {
        backend.then(ScriptedBackend.Reply.of(OK)).then(ScriptedBackend.Reply.reset()).then(ScriptedBackend.Reply.of(OK));
        assertEquals("hello", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(3, backend.received().size());
        assertEquals(2, backend.connections());
    }

    @Test
    void aPostOnAConnectionResetBeforeAnyAnswerIsNotSentAgain() throws Exception {
        backend.then(ScriptedBackend.Reply.of(OK)).then(ScriptedBackend.Reply.reset()).then(ScriptedBackend.Reply.of(OK));
        assertEquals("hello", text(get("/")));
        URI target = URI.create(backend.url("/"));
        assertThrows(IOException.class, () -> client.send("POST", target, List.of(), "x".getBytes(StandardCharsets.UTF_8), 5_000));
        assertEquals(2, backend.received().size());
        assertEquals(1, backend.connections());
    }

    @Test
    void aTlsBackendMustBeNamedInItsCertificate() throws Exception {
        TestTls named = new TestTls(List.of(), List.of("127.0.0.1"));
        try (ScriptedBackend tls = new ScriptedBackend(named.serverSocket());
             BackendClient trusting = new BackendClient(System::nanoTime, named.trustingClient())) {
            tls.then(ScriptedBackend.Reply.of(OK));
            assertEquals("hello", text(trusting.send("GET", URI.create(tls.url("/")), List.of(), new byte[0], 5_000)));
        }
        TestTls misnamed = new TestTls(List.of("elsewhere.example"), List.of());
        try (ScriptedBackend tls = new ScriptedBackend(misnamed.serverSocket());
             BackendClient trusting = new BackendClient(System::nanoTime, misnamed.trustingClient())) {
            URI target = URI.create(tls.url("/"));
            IOException e = assertThrows(IOException.class, () -> trusting.send("GET", target, List.of(), new byte[0], 5_000));
            assertTrue(e instanceof javax.net.ssl.SSLHandshakeException, e.toString());
            assertEquals(0, tls.received().size());
        }
    }

    @Test
    void aLargeBodyToABackendThatDoesNotReadEndsAtTheDeadline() throws Exception {
        byte[] body = new byte[64 * 1024 * 1024];
        try (ServerSocket mute = mute()) {
            URI target = URI.create("http://127.0.0.1:" + mute.getLocalPort() + "/");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                    assertThrows(BackendClient.TimedOut.class, () -> client.send("POST", target, List.of(), body, 300)));
        }
    }
    @Test
    void headerValuesGoOutAsTheBytesTheyCameInAsOrAsUtf8() throws Exception {
        backend.then(ScriptedBackend.Reply.of(OK));
        byte[] utf8 = "日本".getBytes(StandardCharsets.UTF_8);
        String asReceived = new String(utf8, StandardCharsets.ISO_8859_1); // a client's UTF-8 bytes, as the server reads them
        client.send("GET", URI.create(backend.url("/")), List.of(Map.entry("X-Configured", "日本"), Map.entry("X-Forwarded", asReceived),
                Map.entry("X-Latin", "caf\u00e9")), new byte[0], 5_000);
        ScriptedBackend.Received r = backend.received().getFirst();
        assertArrayEquals(utf8, r.header("X-Configured").getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(utf8, r.header("X-Forwarded").getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(new byte[]{'c', 'a', 'f', (byte) 0xe9}, r.header("X-Latin").getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * A loopback listener whose backlog is full: the kernel drops further connection attempts without
     * an answer, as a blackholed address does. The sockets that filled it go into {@code fillers}.
     */
    private static ServerSocket unanswering(List<Socket> fillers) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(listener.getLocalSocketAddress(), 250);
                fillers.add(filler);
            } catch (SocketTimeoutException e) {
                filler.close();
                return listener;
            }
        }
        listener.close();
        throw new IllegalStateException("the listener's backlog never filled");
    }

    @Test
    void aConnectionNotAnsweredInTimeIsTheIntegrationsTimeout() throws Exception {
        List<Socket> fillers = new java.util.ArrayList<>();
        try (ServerSocket listener = unanswering(fillers);
             BackendClient shortConnect = new BackendClient(System::nanoTime, (SSLSocketFactory) SSLSocketFactory.getDefault(), 200)) {
            URI target = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                // a connect timeout shorter than the call's: still a timeout, not an unreachable backend
                assertThrows(BackendClient.TimedOut.class, () -> shortConnect.send("GET", target, List.of(), new byte[0], 29_000));
                // no connect timeout of its own: the connection is tried until the call's deadline
                assertThrows(BackendClient.TimedOut.class, () -> client.send("GET", target, List.of(), new byte[0], 300));
            });
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }
}
