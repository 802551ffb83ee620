package io.haneul.it.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The web console in permissive mode, in headless Chromium against one server: Home shows health,
 * coverage and the requests just made, with a working filter and sorting; SQS creates a queue, sends,
 * peeks without consuming, sees a message sent by the SDK arrive live (no reload), receives-and-deletes
 * and deletes the queue; the dark theme passes axe-core too, and Alt+N navigates. Every page passes
 * axe-core's WCAG 2 A/AA rules without serious violations and is photographed for docs/console.md. The
 * SES, S3 and SNS pages: {@link ConsoleMailStorageBrowserIT}.
 */
class ConsoleBrowserIT {

    static final String ACCOUNT = "246813579024";
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

    static SqsClient sqs() {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void homeShowsHealthCoverageAndTheRequestsJustMade() throws Exception {
        try (SqsClient sqs = sqs()) {
            sqs.listQueues();
        }
        Page page = browser.openAs(ACCOUNT, "/");
        ConsoleBrowser.withScreenshotOnFailure(page, "home", () -> {
            assertThat(page.locator("[data-testid=status]")).hasText("running");
            assertThat(page.locator("[data-testid=version]")).not().isEmpty();
            assertThat(page.locator("[data-testid=storage]")).not().isEmpty();
            assertThat(page.locator("table[aria-label=Services] tr[data-key=sqs]")).containsText("running");
            Locator requests = page.locator("table[aria-label='Recent requests']");
            assertThat(requests).containsText("ListQueues");
            assertThat(requests).containsText(ACCOUNT);
            // the status filter: 4xx leaves the successful ListQueues out
            page.selectOption("select >> nth=1", "4xx");
            assertThat(page.locator("table[aria-label='Recent requests'] >> text=ListQueues")).hasCount(0);
            page.selectOption("select >> nth=1", "");
            // the services table sorts by a header click
            page.click("table[aria-label=Services] th button:has-text('Model')");
            page.click("table[aria-label=Services] th button:has-text('Model')");
            assertThat(page.locator("table[aria-label=Services] th").first()).hasAttribute("aria-sort", "descending");
            ConsoleBrowser.documentationShot(page, "home");
            ConsoleBrowser.assertAccessible(page);
        });
        page.close();
    }

    @Test
    void sqsCreatesSendsPeeksWithoutConsumingAndReceives() throws Exception {
        String name = unique("orders");
        Page page = browser.openAs(ACCOUNT, "/sqs");
        try (SqsClient sqs = sqs()) {
            ConsoleBrowser.withScreenshotOnFailure(page, "sqs", () -> {
                page.fill("input[name=queueName]", name);
                page.click("button:has-text('Create queue')");
                Locator row = page.locator("table[aria-label=Queues] tr[data-key$='/" + name + "']");
                assertThat(row).isVisible();
                String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
                row.click();
                page.fill("textarea[name=body]", "hello from the console");
                page.fill("textarea[name=attributes]", "color=blue");
                page.click("button:has-text('Send message')");
                Locator messages = page.locator("table[aria-label=Messages]");
                assertThat(messages).containsText("hello from the console");
                assertThat(messages).containsText("color=blue");
                assertThat(row.locator("td").nth(1)).hasText("1"); // Visible
                // a message sent elsewhere appears through the live feed, without a click
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("sent by the SDK"));
                assertThat(messages).containsText("sent by the SDK");
                assertThat(row.locator("td").nth(1)).hasText("2");
                // peeking received nothing
                Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
                assertEquals("2", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                assertEquals("0", counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
                ConsoleBrowser.documentationShot(page, "sqs");
                ConsoleBrowser.assertAccessible(page);

                page.click("button:has-text('Receive and delete')");
                assertThat(page.locator(".received")).containsText("hello from the console");
                assertThat(page.locator(".received")).containsText("sent by the SDK");
                assertThat(row.locator("td").nth(1)).hasText("0");
                assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().size());

                page.click("button:has-text('Delete queue')");
                assertThat(row).hasCount(0);
            });
        }
        page.close();
    }

    @Test
    void darkThemeIsAccessibleAndAnEmptyPageSaysWhatToDo() throws Exception {
        Page page = browser.openAs("135792468013", "/sqs");
        ConsoleBrowser.withScreenshotOnFailure(page, "dark", () -> {
            // the page first shows what it loaded, then the theme switch (applied in an effect: waited for, not read at once)
            assertThat(page.locator(".empty")).containsText("Create one above");
            page.click("button[aria-label='Switch theme']");
            assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
            ConsoleBrowser.assertAccessible(page);
            // keyboard: Alt+3 opens the mailbox
            page.keyboard().press("Alt+3");
            assertThat(page.locator("h1")).hasText("SES mailbox");
            // a phone's width: the header wraps and nothing makes the page scroll sideways
            page.setViewportSize(390, 844);
            page.keyboard().press("Alt+1");
            assertThat(page.locator("table[aria-label=Services]")).isVisible();
            assertEquals(Boolean.TRUE, page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"));
            ConsoleBrowser.documentationShot(page, "phone");
        });
        page.close();
    }
}
