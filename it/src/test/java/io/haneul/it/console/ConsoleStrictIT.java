package io.haneul.it.console;

import com.microsoft.playwright.Page;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console and its endpoints in strict mode: sign-in with a key from the credentials file (a wrong
 * secret is refused, the secret is never shown and stays out of localStorage); {@code /_haneul/events}
 * refuses an unsigned caller and shows a signed one only its own account's events; the SQS peek route
 * does not show another account's queue.
 */
class ConsoleStrictIT {

    static final String KEY = "AKIACONSOLESTRICT01";
    static final String SECRET = "console-strict-secret-value";
    static final String ACCOUNT = "111122223333";
    static final String OTHER_KEY = "AKIACONSOLEOTHER002";
    static final String OTHER_ACCOUNT = "444455556666";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("haneul-console-strict");
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, KEY + " " + SECRET + " " + ACCOUNT + "\n" + OTHER_KEY + " other-secret " + OTHER_ACCOUNT + "\n");
        server = TestServer.start("--auth", "strict", "--credentials", creds.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static SqsClient sqs(String key, String secret) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    static HttpRequest signedGet(String pathAndQuery, String key, String secret) {
        URI uri = URI.create(server.endpoint() + pathAndQuery);
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(key, secret))
                .request(request).putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "haneul")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        Set<String> restricted = Set.of("host", "content-length", "connection");
        signed.request().headers().forEach((k, values) -> {
            if (!restricted.contains(k.toLowerCase())) {
                values.forEach(v -> b.header(k, v));
            }
        });
        return b.build();
    }

    @Test
    void signInRefusesAWrongSecretAndNeverShowsOrPersistsTheSecret() throws Exception {
        ConsoleBrowser.assumeChromium();
        try (ConsoleBrowser browser = ConsoleBrowser.on(server)) {
            Page page = browser.page();
            page.navigate(browser.url("/"));
            ConsoleBrowser.withScreenshotOnFailure(page, "strict-signin", () -> {
                assertThat(page.locator("input[name=account]")).hasCount(0);
                page.fill("input[name=accessKeyId]", KEY);
                page.fill("input[name=secretAccessKey]", "not-the-secret");
                page.click("button:has-text('Sign in')");
                assertThat(page.locator("[role=alert]")).containsText("refused");
                ConsoleBrowser.documentationShot(page, "signin");
                ConsoleBrowser.assertAccessible(page);
                page.fill("input[name=secretAccessKey]", SECRET);
                page.click("button:has-text('Sign in')");
                assertThat(page.locator("[data-testid=account]")).containsText(KEY);
                assertThat(page.locator("[data-testid=version]")).not().isEmpty();
                assertFalse(page.content().contains(SECRET), "the page shows the secret");
                assertEquals(Boolean.FALSE, page.evaluate("s => JSON.stringify({...localStorage}).includes(s)", SECRET));
                // signed calls work: the SQS page lists this key's account only
                try (SqsClient mine = sqs(KEY, SECRET); SqsClient theirs = sqs(OTHER_KEY, "other-secret")) {
                    mine.createQueue(b -> b.queueName("strict-mine"));
                    theirs.createQueue(b -> b.queueName("strict-theirs"));
                }
                page.click("header nav a:has-text('SQS')");
                assertThat(page.locator("table[aria-label=Queues]")).containsText("strict-mine");
                assertThat(page.locator("table[aria-label=Queues]")).not().containsText("strict-theirs");
                assertThat(page.locator(".live")).hasText("● live");
            });
            page.close();
        }
    }

    @Test
    void eventsAreSignedAndScopedToTheCallersAccount() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/events")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        String mine = "ev-mine-" + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "ev-theirs-" + UUID.randomUUID().toString().substring(0, 8);
        try (SqsClient me = sqs(KEY, SECRET); SqsClient other = sqs(OTHER_KEY, "other-secret")) {
            String myUrl = me.createQueue(b -> b.queueName(mine)).queueUrl();
            String theirUrl = other.createQueue(b -> b.queueName(theirs)).queueUrl();
            HttpResponse<Stream<String>> events = http.send(signedGet("/_haneul/events?service=sqs", KEY, SECRET),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, events.statusCode());
            assertTrue(events.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Iterator<String> lines = events.body().iterator();
            assertEquals(": haneul events", lines.next()); // the stream is open: what follows was published after
            other.sendMessage(b -> b.queueUrl(theirUrl).messageBody("not for me"));
            me.sendMessage(b -> b.queueUrl(myUrl).messageBody("for me"));
            String data = null;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    data = line;
                    break;
                }
            }
            assertTrue(data != null && data.contains("\"queue\":\"" + mine + "\"") && data.contains("\"type\":\"message.sent\""), data);
            assertFalse(data.contains(theirs));
            events.body().close();

            // the peek route: this account's queue, not the other's (404 as if absent), nor ?account= of another (403)
            HttpResponse<String> peek = http.send(signedGet("/_haneul/sqs/messages?queue=" + mine, KEY, SECRET), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, peek.statusCode());
            assertTrue(peek.body().contains("\"body\" : \"for me\"") || peek.body().contains("\"body\":\"for me\""), peek.body());
            assertEquals(404, http.send(signedGet("/_haneul/sqs/messages?queue=" + theirs, KEY, SECRET), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(403, http.send(signedGet("/_haneul/sqs/messages?queue=" + theirs + "&account=" + OTHER_ACCOUNT, KEY, SECRET),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            // the request log shows this account's calls only
            String log = http.send(signedGet("/_haneul/requests?service=sqs", KEY, SECRET), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(log.contains("SendMessage"), log);
            assertFalse(log.contains(OTHER_ACCOUNT), log);
        }
    }

    @Test
    void assetsAreServedWithCacheRulesAndClientRoutesGetTheApplication() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/console/sqs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("frame-ancestors 'self'", index.headers().firstValue("Content-Security-Policy").orElse(""), "no other site may frame the console");
        String script = index.body().replaceAll("(?s).*src=\"(/_haneul/console/assets/[^\"]+\\.js)\".*", "$1");
        assertTrue(script.startsWith("/_haneul/console/assets/"), index.body());
        HttpResponse<InputStream> asset = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + script)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(asset.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        // the shell stays small: well under the 300 KB gzipped budget even before compression
        assertTrue(asset.body().readAllBytes().length < 300 * 1024);
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_haneul/console/assets/nope.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }
}
