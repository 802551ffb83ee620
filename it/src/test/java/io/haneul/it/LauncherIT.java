package io.haneul.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's quick start: {@code ./haneul run} starts a server that answers, options come from
 * arguments and HANEUL_* variables, and {@code ./haneul help} lists the options.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void helpListsTheOptions() throws Exception {
        Process p = new ProcessBuilder("bash", ROOT.resolve("haneul").toString(), "help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        for (String option : new String[]{"--port", "--host", "--data-dir", "--services", "--storage", "--auth", "--credentials", "--log-level"}) {
            assertTrue(out.contains(option), "help lacks " + option + ":\n" + out);
        }
    }

    @Test
    void runStartsAServerConfiguredFromArgumentsAndEnvironment() throws Exception {
        Path data = Files.createTempDirectory("haneul-launcher");
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("haneul").toString(), "run", "--port", "0",
                "--data-dir", data.toString()).redirectErrorStream(true);
        pb.environment().put("HANEUL_SERVICES", "sts");
        Process p = pb.start();
        try {
            String url = readyUrl(p);
            assertNotNull(url, "the launcher's server never said it was ready");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/_haneul/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"sts\" : \"running\""), health.body());
            assertTrue(health.body().contains("\"sqs\" : \"disabled\""), "HANEUL_SERVICES was not honoured: " + health.body());
            assertTrue(Files.exists(data.resolve("haneul.db")), "--data-dir was not used");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static String readyUrl(Process p) throws Exception {
        Pattern ready = Pattern.compile("ready on (http://\\S+)");
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String line;
        while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
            Matcher m = ready.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> r.lines().forEach(l -> { }));
                return m.group(1);
            }
        }
        return null;
    }
}
