package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File transfer in the viewer: a file uploaded into the session's home (as the session's user), listed
 * and downloaded back, as the stack's FILE_UPLOAD and FILE_DOWNLOAD allow; refused from another origin,
 * without the cookie, for names that leave the home, and when the stack disables it. Without root the
 * session's home would be Haneul's own, so file transfer is refused (403) and the viewer offers none:
 * the tests that transfer files need root (pool users) and are skipped otherwise, and nothing is ever
 * written into the home of the user running the tests. Skipped where Xvnc is not installed.
 */
class AppStreamFileTransferIT {

    static TestServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Streaming.xvncInstalled(), "no Xvnc/xterm (apt-get install tigervnc-standalone-server xterm)");
        server = TestServer.start();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void assumeRoot() {
        Assumptions.assumeTrue(root(), "file transfer needs pool users (Haneul as root); without root it is refused, "
                + "which withoutRootFileTransferIsRefused checks");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Streaming.Opened session(Map<String, Boolean> userSettings) throws Exception {
        String user = "f" + UUID.randomUUID().toString().substring(0, 8);
        return Streaming.open(Streaming.url(server, Map.of("userId", user, "launchPath", "/bin/sleep", "launchParameters", "600",
                "fleetName", "files-" + user, "userSettings", userSettings)));
    }

    private static String files(Streaming.Opened o) {
        return "http://localhost:" + server.port() + o.viewer() + "files";
    }

    private static HttpResponse<byte[]> upload(Streaming.Opened o, String name, byte[] body, boolean sameOrigin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(files(o) + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Cookie", o.cookie()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (sameOrigin) {
            b.header("Origin", "http://localhost:" + server.port());
        }
        return Streaming.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> download(Streaming.Opened o, String query, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(files(o) + query));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return Streaming.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void uploadedFileLandsInTheHomeAsTheSessionUserAndDownloadsBack() throws Exception {
        assumeRoot();
        Streaming.Opened o = session(Map.of());
        byte[] content = "quarterly numbers\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> up = upload(o, "report 1.txt", content, true);
        assertEquals(204, up.statusCode(), new String(up.body(), StandardCharsets.UTF_8));

        JsonNode session = Streaming.session(server, o.sessionId());
        Path file = Path.of(session.path("home").asText()).resolve("report 1.txt");
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(session.path("osUser").asText(), Files.getOwner(file).getName(), "written as the session's user");

        HttpResponse<byte[]> list = download(o, "", o.cookie());
        assertEquals(200, list.statusCode());
        JsonNode listed = Streaming.JSON.readTree(list.body()).path("files");
        boolean found = false;
        for (JsonNode f : listed) {
            found |= f.path("path").asText().equals("report 1.txt") && f.path("size").asLong() == content.length;
            assertTrue(!f.path("path").asText().startsWith(".haneul-session"), "the session's own folder is not listed");
        }
        assertTrue(found, listed.toString());

        HttpResponse<byte[]> down = download(o, "?name=report%201.txt", o.cookie());
        assertEquals(200, down.statusCode());
        assertArrayEquals(content, down.body());
        assertEquals("attachment; filename*=UTF-8''report%201.txt", down.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(Streaming.get(server.endpoint() + o.viewer(), Map.of("Cookie", o.cookie())).body().contains("\"fileUpload\":true"));
        Streaming.expire(server, o.sessionId());
    }

    @Test
    void transfersAreRefusedFromElsewhereAndOutsideTheHome() throws Exception {
        assumeRoot();
        Streaming.Opened o = session(Map.of());
        assertEquals(403, upload(o, "x.txt", new byte[]{1}, false).statusCode(), "no Origin: another site's form");
        assertEquals(400, upload(o, "../x.txt", new byte[]{1}, true).statusCode());
        assertEquals(400, upload(o, "sub/x.txt", new byte[]{1}, true).statusCode());
        assertEquals(400, upload(o, ".haneul-session", new byte[]{1}, true).statusCode());
        assertEquals(403, download(o, "", null).statusCode(), "no cookie");
        assertEquals(404, download(o, "?name=..%2F..%2Fetc%2Fpasswd", o.cookie()).statusCode());
        assertEquals(404, download(o, "?name=missing.txt", o.cookie()).statusCode());
        Path home = Path.of(Streaming.session(server, o.sessionId()).path("home").asText());
        Files.createSymbolicLink(home.resolve("leak"), Path.of("/etc/shadow"));
        assertEquals(404, download(o, "?name=leak", o.cookie()).statusCode(), "read as the session's user, who cannot read it");
        Streaming.expire(server, o.sessionId());
    }

    @Test
    void stackUserSettingsDisableUploadAndDownload() throws Exception {
        assumeRoot();
        Streaming.Opened o = session(Map.of("FILE_UPLOAD", false, "FILE_DOWNLOAD", false));
        assertEquals(403, upload(o, "x.txt", new byte[]{1}, true).statusCode());
        assertEquals(403, download(o, "", o.cookie()).statusCode());
        assertEquals(403, download(o, "?name=x.txt", o.cookie()).statusCode());
        String page = Streaming.get(server.endpoint() + o.viewer(), Map.of("Cookie", o.cookie())).body();
        assertTrue(page.contains("\"fileUpload\":false") && page.contains("\"fileDownload\":false"), page);

        Streaming.Opened uploadOnly = session(Map.of("FILE_DOWNLOAD", false));
        assertEquals(204, upload(uploadOnly, "in.txt", new byte[]{1}, true).statusCode());
        assertEquals(403, download(uploadOnly, "?name=in.txt", uploadOnly.cookie()).statusCode());
        Streaming.expire(server, o.sessionId());
        Streaming.expire(server, uploadOnly.sessionId());
    }

    @Test
    void withoutRootFileTransferIsRefused() throws Exception {
        Assumptions.assumeFalse(root(), "as root sessions have pool users of their own: the other tests transfer files");
        Streaming.Opened o = session(Map.of());
        String name = "haneul-it-" + UUID.randomUUID() + ".txt";
        assertEquals(403, upload(o, name, new byte[]{1}, true).statusCode(), "the home would be Haneul's own");
        assertTrue(!Files.exists(Path.of(System.getProperty("user.home")).resolve(name)), "nothing written into the runner's home");
        assertEquals(403, download(o, "", o.cookie()).statusCode());
        assertEquals(403, download(o, "?name=.bashrc", o.cookie()).statusCode());
        String page = Streaming.get(server.endpoint() + o.viewer(), Map.of("Cookie", o.cookie())).body();
        assertTrue(page.contains("\"fileUpload\":false") && page.contains("\"fileDownload\":false"), page);
        Streaming.expire(server, o.sessionId());
    }
}
