package io.haneul.it.appstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drives AppStream's streaming engine through Haneul's operator routes
 * ({@code /_haneul/appstream/streaming-urls}, {@code streaming-sessions}) and opens streaming URLs
 * as a browser would, without one: the token for the cookie, then the viewer's paths.
 */
final class Streaming {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Path XVNC = Path.of("/usr/bin/Xvnc");
    private static final Pattern VIEWER = Pattern.compile("url=(/_aws/appstream/session/([0-9a-f-]{36})/)");

    /** An opened URL: the viewer's path, the session id and the cookie the authenticate answer set. */
    record Opened(String viewer, String sessionId, String cookie, String setCookie) {
    }

    private Streaming() {
    }

    static boolean xvncInstalled() {
        return Files.isExecutable(XVNC) && Files.isExecutable(Path.of("/usr/bin/xterm"));
    }

    /** A streaming URL for {@code fields} (userId, launchPath, launchParameters...); the route's answer when refused. */
    static HttpResponse<byte[]> urlResponse(TestServer server, Map<String, Object> fields) throws Exception {
        return JavaHttp.post(server.endpoint().resolve("/_haneul/appstream/streaming-urls"), Map.of("Content-Type", "application/json"),
                JSON.writeValueAsBytes(fields));
    }

    static String url(TestServer server, Map<String, Object> fields) throws Exception {
        HttpResponse<byte[]> r = urlResponse(server, fields);
        assertEquals(200, r.statusCode(), JavaHttp.text(r));
        return JSON.readTree(r.body()).path("streamingUrl").asText();
    }

    static HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a streaming URL; fails unless it answers 200 with a cookie and the viewer's address. */
    static Opened open(String url) throws Exception {
        HttpResponse<String> r = get(url, Map.of());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = VIEWER.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no viewer address in " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Opened(m.group(1), m.group(2), setCookie.substring(0, setCookie.indexOf(';')), setCookie);
    }

    static List<JsonNode> sessions(TestServer server) throws Exception {
        HttpResponse<byte[]> r = JavaHttp.get(server.endpoint().resolve("/_haneul/appstream/streaming-sessions"));
        assertEquals(200, r.statusCode(), JavaHttp.text(r));
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("sessions").forEach(out::add);
        return out;
    }

    static JsonNode session(TestServer server, String id) throws Exception {
        return sessions(server).stream().filter(s -> s.path("sessionId").asText().equals(id)).findFirst().orElse(null);
    }

    static void expire(TestServer server, String id) {
        HttpResponse<byte[]> r = JavaHttp.post(server.endpoint().resolve("/_haneul/appstream/streaming-sessions/expire?sessionId=" + id),
                Map.of(), new byte[0]);
        assertEquals(204, r.statusCode(), JavaHttp.text(r));
    }

    /** Processes running as an OS user now (not counting exited ones their parent has not reaped yet). */
    static List<ProcessHandle> processesOf(String user) {
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().user().map(user::equals).orElse(false)).filter(p -> !zombie(p.pid())).toList();
        }
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (Exception e) {
            return true; // gone meanwhile
        }
    }

    /** Waits (up to 30 s: a failure, not a timing assertion) until a condition holds. */
    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
