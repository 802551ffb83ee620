package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.MutableClock;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AppStream's streaming engine without a browser: a streaming URL's token is one-time and becomes a
 * cookie; the viewer and its WebSocket need that cookie and Haneul's own Origin; the WebSocket
 * bridges to the session's Xvnc (the RFB greeting arrives); the application runs as a pool user with
 * AppStream's session variables; the fleet's cap, a reconnect to the same session, the disconnect
 * timeout on the injected clock, and expiry leaving no process. Skipped where Xvnc is not installed
 * ({@code ./haneul} and {@code .ci/run} install it).
 */
class AppStreamStreamingIT {

    static final MutableClock CLOCK = new MutableClock();
    static TestServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Streaming.xvncInstalled(), "no Xvnc/xterm (apt-get install tigervnc-standalone-server xterm)");
        server = TestServer.start(CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static Map<String, Object> sleeper(String user) {
        return Map.of("userId", user, "launchPath", "/bin/sleep", "launchParameters", "600", "fleetName", "fleet-" + user);
    }

    @Test
    void urlIsOneTimeAndBecomesAStrictHttpOnlyCookieForTheViewer() throws Exception {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> fields = new java.util.HashMap<>(sleeper(user));
        fields.put("embedHostDomains", List.of("example.com"));
        String url = Streaming.url(server, fields);
        assertTrue(url.startsWith(server.endpoint() + "/_aws/appstream/authenticate?parameters="), url);

        Streaming.Opened opened = Streaming.open(url);
        assertTrue(opened.setCookie().contains("HttpOnly"), opened.setCookie());
        assertTrue(opened.setCookie().contains("SameSite=Strict"), opened.setCookie());
        assertTrue(opened.setCookie().contains("Path=" + opened.viewer()), opened.setCookie());

        assertEquals(403, Streaming.get(url, Map.of()).statusCode(), "a used URL is refused");
        String viewer = server.endpoint() + opened.viewer();
        assertEquals(403, Streaming.get(viewer, Map.of()).statusCode(), "no cookie, no viewer");
        assertEquals(403, Streaming.get(viewer, Map.of("Cookie", opened.cookie() + "x")).statusCode(), "a wrong cookie, no viewer");
        HttpResponse<String> page = Streaming.get(viewer, Map.of("Cookie", opened.cookie()));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("viewer.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("frame-ancestors 'self' example.com *.example.com;"), csp);
        assertEquals(200, Streaming.get(server.endpoint() + "/_aws/appstream/viewer/novnc/core/rfb.js", Map.of()).statusCode(),
                "noVNC is bundled");
        Streaming.expire(server, opened.sessionId());
    }

    @Test
    void expiredUrlIsRefused() throws Exception {
        Map<String, Object> fields = new java.util.HashMap<>(sleeper("late"));
        fields.put("validitySeconds", 5);
        String url = Streaming.url(server, fields);
        CLOCK.advance(Duration.ofSeconds(6));
        assertEquals(403, Streaming.get(url, Map.of()).statusCode());
    }

    @Test
    void webSocketNeedsTheCookieAndHaneulsOriginAndBridgesToXvnc() throws Exception {
        Streaming.Opened opened = Streaming.open(Streaming.url(server, sleeper("ws" + UUID.randomUUID().toString().substring(0, 6))));
        URI ws = URI.create("ws://localhost:" + server.port() + opened.viewer() + "websocket");
        String origin = "http://localhost:" + server.port();

        assertEquals(403, refused(ws, Map.of("Cookie", opened.cookie(), "Origin", "http://evil.example")));
        assertEquals(403, refused(ws, Map.of("Origin", origin)));

        CompletableFuture<String> greeting = new CompletableFuture<>();
        WebSocket socket = Streaming.HTTP.newWebSocketBuilder().header("Cookie", opened.cookie()).header("Origin", origin)
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket s, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        greeting.complete(new String(bytes, StandardCharsets.US_ASCII));
                        s.request(1);
                        return null;
                    }
                }).join();
        assertTrue(greeting.get(30, TimeUnit.SECONDS).startsWith("RFB 003.008"), "Xvnc's RFB greeting");
        Streaming.await("connected", () -> "CONNECTED".equals(Streaming.session(server, opened.sessionId()).path("connectionState").asText()));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        Streaming.await("not connected", () -> "NOT_CONNECTED".equals(Streaming.session(server, opened.sessionId()).path("connectionState").asText()));
        Streaming.expire(server, opened.sessionId());
    }

    @Test
    void idleViewerIsDisconnectedAndTheSessionKeepsRunning() throws Exception {
        Streaming.Opened opened = Streaming.open(Streaming.url(server, Map.of("userId", "idler", "launchPath", "/bin/sleep",
                "launchParameters", "600", "fleetName", "idle-fleet", "idleDisconnectTimeoutSeconds", 60, "disconnectTimeoutSeconds", 900)));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        Streaming.HTTP.newWebSocketBuilder().header("Cookie", opened.cookie()).header("Origin", "http://localhost:" + server.port())
                .buildAsync(URI.create("ws://localhost:" + server.port() + opened.viewer() + "websocket"), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket s) {
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket s, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).join();
        Streaming.await("connected", () -> "CONNECTED".equals(Streaming.session(server, opened.sessionId()).path("connectionState").asText()));
        CLOCK.advance(Duration.ofSeconds(61));
        assertEquals(1000, closed.get(30, TimeUnit.SECONDS), "the idle viewer is disconnected");
        Streaming.await("not connected", () -> "NOT_CONNECTED".equals(Streaming.session(server, opened.sessionId()).path("connectionState").asText()));
        assertEquals("ACTIVE", Streaming.session(server, opened.sessionId()).path("state").asText(), "the disconnect timeout counts now");
        Streaming.expire(server, opened.sessionId());
    }

    private static int refused(URI uri, Map<String, String> headers) {
        WebSocket.Builder b = Streaming.HTTP.newWebSocketBuilder();
        headers.forEach(b::header);
        CompletionException e = assertThrows(CompletionException.class, () -> b.buildAsync(uri, new WebSocket.Listener() { }).join());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void applicationRunsAsAPoolUserWithTheSessionContextAndExpiryLeavesNoProcess() throws Exception {
        String user = "ctx" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> fields = Map.of("userId", user, "launchPath", "/bin/sh", "fleetName", "ctx-fleet", "stackName", "ctx-stack",
                "launchParameters", "-c 'printf \"%s|%s|%s|%s\" \"$APPSTREAM_SESSION_CONTEXT\" \"$AppStream_UserName\" \"$AppStream_Stack_Name\" "
                        + "\"$(id -un)\" > context.txt; exec sleep 600'",
                "sessionContext", "project=42&mode=\"quoted\"");
        Streaming.Opened opened = Streaming.open(Streaming.url(server, fields));
        JsonNode session = Streaming.session(server, opened.sessionId());
        assertEquals("ACTIVE", session.path("state").asText());
        Path home = Path.of(session.path("home").asText());
        String osUser = session.path("osUser").asText();
        Path context = home.resolve("context.txt");
        Streaming.await("the application wrote its context", () -> Files.exists(context) && Files.size(context) > 0);
        boolean root = "root".equals(System.getProperty("user.name"));
        String[] parts = Files.readString(context).split("\\|");
        assertEquals("project=42&mode=\"quoted\"", parts[0]);
        assertEquals(user, parts[1]);
        assertEquals("ctx-stack", parts[2]);
        assertEquals(osUser, parts[3]);
        if (root) {
            assertTrue(osUser.startsWith("haneul-as"), osUser);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            assertEquals(osUser, Files.getOwner(context).getName());
            assertTrue(Streaming.processesOf(osUser).size() >= 2, "Xvnc and the application run as " + osUser);
        }
        List<Long> pids = Streaming.JSON.convertValue(session.path("pids"), Streaming.JSON.getTypeFactory()
                .constructCollectionType(List.class, Long.class));
        assertTrue(pids.size() >= 2, pids.toString());

        Streaming.expire(server, opened.sessionId());
        assertNull(Streaming.session(server, opened.sessionId()));
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "process " + pid + " ended");
        }
        if (root) {
            assertEquals(List.of(), Streaming.processesOf(osUser), "nothing runs as " + osUser);
            assertTrue(!Files.exists(context), "the pool user's home is emptied");
        }
    }

    @Test
    void fleetCapRefusesANewUserAndASecondUrlReconnectsToTheSameSession() throws Exception {
        String fleet = "capped-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> first = Map.of("userId", "alice", "launchPath", "/bin/sleep", "launchParameters", "600",
                "fleetName", fleet, "maxConcurrentSessions", 1);
        Streaming.Opened alice = Streaming.open(Streaming.url(server, first));
        Streaming.Opened again = Streaming.open(Streaming.url(server, first));
        assertEquals(alice.sessionId(), again.sessionId(), "the same user, stack and fleet find the running session");
        assertNotEquals(alice.cookie(), "");

        HttpResponse<byte[]> bob = Streaming.urlResponse(server, Map.of("userId", "bob", "launchPath", "/bin/sleep", "launchParameters", "600",
                "fleetName", fleet, "maxConcurrentSessions", 1));
        assertEquals(429, bob.statusCode(), "the fleet's cap: the API answers LimitExceededException");
        Streaming.expire(server, alice.sessionId());
        Streaming.expire(server, Streaming.open(Streaming.url(server, Map.of("userId", "bob", "launchPath", "/bin/sleep",
                "launchParameters", "600", "fleetName", fleet, "maxConcurrentSessions", 1))).sessionId());
    }

    @Test
    void sessionEndsWhenNoViewerReturnsWithinTheDisconnectTimeoutAndWhenTheApplicationExits() throws Exception {
        Map<String, Object> fields = Map.of("userId", "gone", "launchPath", "/bin/sleep", "launchParameters", "600",
                "fleetName", "timeout-fleet", "disconnectTimeoutSeconds", 60);
        Streaming.Opened opened = Streaming.open(Streaming.url(server, fields));
        assertEquals("ACTIVE", Streaming.session(server, opened.sessionId()).path("state").asText());
        CLOCK.advance(Duration.ofSeconds(61));
        Streaming.await("the session ended", () -> Streaming.session(server, opened.sessionId()) == null);

        Streaming.Opened quick = Streaming.open(Streaming.url(server, Map.of("userId", "quick", "launchPath", "/bin/sleep",
                "launchParameters", "1", "fleetName", "exit-fleet")));
        Streaming.await("the session ended with its application", () -> Streaming.session(server, quick.sessionId()) == null);
    }

    @Test
    void maxUserDurationEndsTheSession() throws Exception {
        Streaming.Opened opened = Streaming.open(Streaming.url(server, Map.of("userId", "long", "launchPath", "/bin/sleep",
                "launchParameters", "600", "fleetName", "max-fleet", "maxUserDurationSeconds", 600, "disconnectTimeoutSeconds", 0)));
        CLOCK.advance(Duration.ofSeconds(599));
        assertEquals("ACTIVE", Streaming.session(server, opened.sessionId()).path("state").asText());
        CLOCK.advance(Duration.ofSeconds(2));
        Streaming.await("the session ended", () -> Streaming.session(server, opened.sessionId()) == null);
    }
}
