package io.haneul.it.console;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The web console's SES mailbox, S3 and SNS pages in permissive mode, in headless Chromium against one
 * server (the other pages: {@link ConsoleBrowserIT}): the mailbox opens a mail's HTML in a sandboxed
 * frame (its script not run), its text, headers and raw MIME; S3 uploads a file, sees an SDK write appear
 * live, previews and downloads; SNS creates a topic, subscribes a phone number, publishes and shows the
 * recorded delivery. Every page passes axe-core without serious violations and is photographed for
 * docs/console.md.
 */
class ConsoleMailStorageBrowserIT {

    static final String ACCOUNT = "246813579025";
    static TestServer server;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        ConsoleBrowser.assumeChromium();
        server = TestServer.start();
        browser = ConsoleBrowser.on(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"));
    }


    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sesMailboxShowsACapturedMailsHtmlInASandboxedFrame() throws Exception {
        String subject = unique("Welcome");
        try (SesClient ses = SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).build()) {
            ses.verifyEmailIdentity(b -> b.emailAddress("app@console.example"));
            ses.sendEmail(b -> b.source("app@console.example").destination(d -> d.toAddresses("ana@example.net"))
                    .message(m -> m.subject(s -> s.data(subject)).body(x -> x
                            .html(h -> h.data("<h1 id='greeting'>Hello Ana</h1><script>parent.document.title='pwned'</script>"))
                            .text(t -> t.data("Hello Ana (text)")))));
        }
        Page page = browser.openAs(ACCOUNT, "/ses");
        ConsoleBrowser.withScreenshotOnFailure(page, "ses", () -> {
            page.fill("input[name=search]", subject);
            Locator row = page.locator("table[aria-label=Mail] tbody tr");
            assertThat(row).hasCount(1);
            row.click();
            assertThat(page.frameLocator("iframe.mail-html").locator("#greeting")).hasText("Hello Ana");
            assertEquals("sandbox", page.locator("iframe.mail-html").evaluate("f => f.hasAttribute('sandbox') ? 'sandbox' : 'none'"));
            assertEquals("", page.locator("iframe.mail-html").getAttribute("sandbox")); // no allow-scripts
            ConsoleBrowser.documentationShot(page, "ses");
            ConsoleBrowser.assertAccessible(page);
            page.click("[role=tab]:has-text('Text')");
            assertThat(page.locator("#mail-view")).containsText("Hello Ana (text)");
            page.click("[role=tab]:has-text('Headers')");
            assertThat(page.locator("#mail-view")).containsText("Subject: " + subject);
            page.click("[role=tab]:has-text('Raw')");
            assertThat(page.locator("#mail-view")).containsText("Content-Type: multipart/alternative");
            assertEquals(false, page.title().contains("pwned"));
        });
        page.close();
    }

    @Test
    void s3UploadsPreviewsAndDownloadsAFile() throws Exception {
        String bucket = unique("console");
        try (S3Client s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials()).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("reports/2026/summary.txt"), RequestBody.fromString("already there"));
            Page page = browser.openAs(ACCOUNT, "/s3");
            ConsoleBrowser.withScreenshotOnFailure(page, "s3", () -> {
                page.click("table[aria-label=Buckets] tr[data-key='" + bucket + "']");
                Locator objects = page.locator("table[aria-label=Objects]");
                assertThat(objects).containsText("reports/");
                page.setInputFiles("input[name=upload]", new FilePayload("notes.txt", "text/plain",
                        "uploaded from the browser".getBytes(StandardCharsets.UTF_8)));
                assertThat(objects.locator("tr[data-key='notes.txt']")).isVisible();
                assertEquals("uploaded from the browser", s3.getObjectAsBytes(b -> b.bucket(bucket).key("notes.txt")).asUtf8String());
                // an object written elsewhere appears through the live feed
                s3.putObject(b -> b.bucket(bucket).key("from-sdk.txt"), RequestBody.fromString("sdk"));
                assertThat(objects.locator("tr[data-key='from-sdk.txt']")).isVisible();
                objects.locator("tr[data-key='notes.txt']").click();
                assertThat(page.locator("[data-testid=preview-text]")).hasText("uploaded from the browser");
                ConsoleBrowser.documentationShot(page, "s3");
                ConsoleBrowser.assertAccessible(page);
                Download download = page.waitForDownload(() -> page.click("button[aria-label='Download notes.txt']"));
                assertEquals("notes.txt", download.suggestedFilename());
                assertEquals("uploaded from the browser", Files.readString(download.path()));
                page.click("tr[data-key='reports/']");
                assertThat(objects.locator("tr[data-key='reports/2026/']")).isVisible();
            });
            page.close();
        }
    }

    @Test
    void snsCreatesATopicSubscribesPublishesAndShowsTheOutbox() throws Exception {
        String name = unique("alerts");
        Page page = browser.openAs(ACCOUNT, "/sns");
        ConsoleBrowser.withScreenshotOnFailure(page, "sns", () -> {
            page.fill("input[name=topicName]", name);
            page.click("button:has-text('Create topic')");
            Locator row = page.locator("table[aria-label=Topics] tr[data-key$=':" + name + "']");
            assertThat(row).isVisible();
            row.click();
            page.selectOption("select[name=protocol]", "sms");
            page.fill("input[name=endpoint]", "+15555550123");
            page.click("button:has-text('Subscribe')");
            assertThat(page.locator("table[aria-label=Subscriptions]")).containsText("+15555550123");
            assertThat(row.locator("td").nth(1)).hasText("1");
            page.fill("input[name=subject]", "Disk");
            page.fill("textarea[name=message]", "disk almost full");
            page.click("button:has-text('Publish')");
            assertThat(page.locator("[data-testid=published]")).containsText("Published message");
            Locator outbox = page.locator("table[aria-label=Outbox]");
            assertThat(outbox).containsText("disk almost full");
            assertThat(outbox).containsText("+15555550123");
            ConsoleBrowser.documentationShot(page, "sns");
            ConsoleBrowser.assertAccessible(page);
            page.click("button:has-text('Delete topic')");
            assertThat(row).hasCount(0);
        });
        page.close();
    }
}
