package io.haneul.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server at the most verbose log level, in strict mode, logs its requests without the secret key,
 * the request signatures or the presigned URL's signature.
 */
class SecretsInLogsIT {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETKEY";

    @Test
    void logsHoldNoSecretsOrSignatures() throws Exception {
        Path dir = Files.createTempDirectory("haneul-logs");
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, "AKIDLOGTEST " + SECRET + " 123456789012\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.haneul.server.Main", "--port", "0", "--data-dir",
                dir.resolve("data").toString(), "--auth", "strict", "--credentials", creds.toString(), "--log-level", "trace",
                "--services", "sts").redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String url = null;
        Pattern ready = Pattern.compile("ready on (http://\\S+)");
        StringBuilder line = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (url == null && System.nanoTime() < deadline) {
            int c = p.getInputStream().read();
            if (c < 0) {
                break;
            }
            log.write(c);
            if (c == '\n') {
                Matcher m = ready.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        assertNotNull(url, "server did not start: " + log);
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(log);
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        String signature;
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOGTEST", SECRET))).build()) {
            sts.getCallerIdentity();
        }
        // a presigned-style request with a signature in the query
        signature = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url
                        + "/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIDLOGTEST%2F20260101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20260101T000000Z"
                        + "&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        p.destroy();
        p.waitFor(20, TimeUnit.SECONDS);
        drain.join(5000);
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("GetCallerIdentity") || text.contains("request "), "requests were not logged at all:\n" + text);
        assertFalse(text.contains(SECRET), "the secret key reached the log");
        assertFalse(text.contains(signature), "a presigned signature reached the log");
        Matcher sig = Pattern.compile("Signature=([0-9a-f]{64})").matcher(text);
        assertFalse(sig.find(), "a full signature reached the log");
    }
}
