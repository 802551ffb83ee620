package io.haneul.it.console;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console's inspection views in permissive mode, in headless Chromium against one server: SNS's delivery
 * log per subscription (a delivered and a refused attempt), S3's versions (restore by copy), multipart
 * uploads in progress (abort) and object tags (edit), SES's events per configuration set, the Lambda page
 * (invoke with a payload, the answer, the log tail, recent invocations) and the home page's chart of calls
 * and errors per service. What a test checks was made by the SDK or by the page and is read back through
 * the other; every view passes axe-core without serious violations.
 */
class ConsoleInspectionBrowserIT {

    static final String ACCOUNT = "246813579027";
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

    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret"))).build();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void snsDeliveryLogShowsEachAttemptPerSubscription() throws Exception {
        String name = unique("orders");
        try (SnsClient sns = client(SnsClient.builder()); SqsClient sqs = client(SqsClient.builder())) {
            String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName(unique("orders-q"))).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String missing = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + unique("no-such-queue");
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            String refusedSub = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(missing).returnSubscriptionArn(true))
                    .subscriptionArn();
            Page page = browser.openAs(ACCOUNT, "/sns");
            ConsoleBrowser.withScreenshotOnFailure(page, "sns-deliveries", () -> {
                page.click("table[aria-label=Topics] tr[data-key='" + topicArn + "']");
                Locator log = page.locator("table[aria-label='Delivery log']");
                assertThat(page.locator("text=No delivery attempts yet")).isVisible();
                page.fill("textarea[name=message]", "order 42 shipped");
                page.click("button:has-text('Publish')");
                // the live feed brings both attempts: one delivered, one refused by SQS (the queue does not exist)
                assertThat(log.locator("tbody tr")).hasCount(2);
                assertThat(log).containsText("delivered");
                assertThat(log).containsText("refused");
                assertThat(log).containsText("NonExistentQueue");
                assertThat(log).containsText("dropped: the subscription has no RedrivePolicy");
                page.selectOption("select[name=deliverySubscription]", refusedSub);
                assertThat(log.locator("tbody tr")).hasCount(1);
                assertThat(log).containsText(missing);
                ConsoleBrowser.documentationShot(page, "sns-deliveries");
                ConsoleBrowser.assertAccessible(page);
            });
            page.close();
            assertEquals(1, sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages().size(),
                    "the attempt logged as delivered is in the queue");
        }
    }

    @Test
    void s3RestoresAVersionAbortsAnUploadAndEditsTags() throws Exception {
        String bucket = unique("versions");
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("plan.txt").tagging("team=blue"), RequestBody.fromString("first draft"));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
            Page page = browser.openAs(ACCOUNT, "/s3");
            ConsoleBrowser.withScreenshotOnFailure(page, "s3-versions", () -> {
                page.click("table[aria-label=Buckets] tr[data-key='" + bucket + "']");

                // tags: read, edited in the page, read back through the SDK
                page.locator("table[aria-label=Objects] tr[data-key='plan.txt']").click();
                assertThat(page.locator("input[name=tagKey0]")).hasValue("team");
                assertThat(page.locator("input[name=tagValue0]")).hasValue("blue");
                page.fill("input[name=tagValue0]", "green");
                page.click("button:has-text('Add tag')");
                page.fill("input[name=tagKey1]", "stage");
                page.fill("input[name=tagValue1]", "review");
                page.click("button:has-text('Save tags')");
                assertThat(page.locator("[data-testid=tags-saved]")).isVisible();
                assertEquals(List.of("stage=review", "team=green"), s3.getObjectTagging(b -> b.bucket(bucket).key("plan.txt")).tagSet()
                        .stream().map(t -> t.key() + "=" + t.value()).sorted().toList());
                ConsoleBrowser.assertAccessible(page);

                // versions: versioning turned on in the page, a second write through the SDK, the first restored
                page.click("[aria-label='Bucket views'] button:has-text('Versions')");
                assertThat(page.locator("[data-testid=versioning]")).hasText("Versioning: never enabled");
                page.click("button:has-text('Enable versioning')");
                assertThat(page.locator("[data-testid=versioning]")).hasText("Versioning: Enabled");
                String v1 = s3.putObject(b -> b.bucket(bucket).key("plan.txt"), RequestBody.fromString("second draft")).versionId();
                s3.putObject(b -> b.bucket(bucket).key("plan.txt"), RequestBody.fromString("third draft"));
                Locator versions = page.locator("table[aria-label=Versions]");
                assertThat(versions.locator("tbody tr")).hasCount(3); // the null version from before versioning, and two
                page.click("button[aria-label='Restore plan.txt version " + v1 + "']");
                assertThat(versions.locator("tbody tr")).hasCount(4);
                assertEquals("second draft", s3.getObjectAsBytes(b -> b.bucket(bucket).key("plan.txt")).asUtf8String());
                ConsoleBrowser.documentationShot(page, "s3-versions");
                ConsoleBrowser.assertAccessible(page);

                // uploads in progress: listed, aborted
                page.click("[aria-label='Bucket views'] button:has-text('Uploads in progress')");
                Locator uploads = page.locator("table[aria-label='Uploads in progress']");
                assertThat(uploads).containsText("big.bin");
                ConsoleBrowser.assertAccessible(page);
                page.click("button[aria-label='Abort upload of big.bin']");
                assertThat(page.locator("text=No multipart uploads in progress")).isVisible();
            });
            page.close();
            assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(bucket)).uploads());
            assertEquals(false, uploadId.isEmpty());
        }
    }

    @Test
    void s3DisablesActionsOnAKeyWithADotDotSegment() throws Exception {
        String bucket = unique("dots");
        try (S3Client s3 = client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("plan.txt"), RequestBody.fromString("the real plan"));
            s3.putObject(b -> b.bucket(bucket).key("old/../plan.txt"), RequestBody.fromString("an old plan"));
            assertEquals(List.of("old/../plan.txt", "plan.txt"), s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> o.key()).sorted().toList());
            Page page = browser.openAs(ACCOUNT, "/s3");
            ConsoleBrowser.withScreenshotOnFailure(page, "s3-dots", () -> {
                page.click("table[aria-label=Buckets] tr[data-key='" + bucket + "']");
                assertThat(page.locator("[data-testid=unaddressable]")).hasCount(0);
                page.click("table[aria-label=Objects] tr[data-key='old/']");
                page.click("table[aria-label=Objects] tr[data-key='old/../']");
                Locator row = page.locator("table[aria-label=Objects] tr[data-key='old/../plan.txt']");
                // the browser would send DELETE /bucket/plan.txt: another object
                assertThat(row.locator("button:has-text('Delete')")).isDisabled();
                assertThat(row.locator("button:has-text('Download')")).isDisabled();
                assertThat(page.locator("[data-testid=unaddressable]")).containsText("\"..\" segment");
                row.click();
                assertThat(page.locator("#preview-h")).hasText("old/../plan.txt");
                assertThat(page.locator("section.panel [data-testid=unaddressable]")).isVisible();
                assertThat(page.locator("input[name=tagKey0]")).hasCount(0);
                ConsoleBrowser.assertAccessible(page);
            });
            page.close();
            assertEquals("the real plan", s3.getObjectAsBytes(b -> b.bucket(bucket).key("plan.txt")).asUtf8String());
        }
    }

    @Test
    void sesShowsTheEventsOfAConfigurationSet() throws Exception {
        String set = unique("campaign");
        String other = unique("other");
        try (SesClient ses = client(SesClient.builder())) {
            ses.verifyEmailIdentity(b -> b.emailAddress("news@console.example"));
            for (String s : List.of(set, other)) {
                ses.createConfigurationSet(b -> b.configurationSet(c -> c.name(s)));
                ses.createConfigurationSetEventDestination(b -> b.configurationSetName(s).eventDestination(d -> d.name("cw").enabled(true)
                        .matchingEventTypes(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE)
                        .cloudWatchDestination(w -> w.dimensionConfigurations(software.amazon.awssdk.services.ses.model
                                .CloudWatchDimensionConfiguration.builder().dimensionName("c").dimensionValueSource("messageTag")
                                .defaultDimensionValue("none").build()))));
            }
            ses.sendEmail(b -> b.source("news@console.example").configurationSetName(set)
                    .destination(d -> d.toAddresses("bounce@simulator.amazonses.com"))
                    .message(m -> m.subject(s -> s.data("Hello")).body(x -> x.text(t -> t.data("hi")))));
            ses.sendEmail(b -> b.source("news@console.example").configurationSetName(other)
                    .destination(d -> d.toAddresses("success@simulator.amazonses.com"))
                    .message(m -> m.subject(s -> s.data("Hello")).body(x -> x.text(t -> t.data("hi")))));
        }
        Page page = browser.openAs(ACCOUNT, "/ses");
        ConsoleBrowser.withScreenshotOnFailure(page, "ses-events", () -> {
            page.click("nav[aria-label='SES sections'] button:has-text('Events')");
            page.selectOption("select[name=configurationSet]", set);
            Locator events = page.locator("table[aria-label=Events]");
            assertThat(events.locator("tbody tr")).hasCount(2);
            assertThat(events).containsText("send");
            assertThat(events).containsText("bounce");
            assertThat(events).containsText("Permanent/General");
            assertThat(events).not().containsText("success@simulator.amazonses.com");
            page.selectOption("select[name=configurationSet]", other);
            assertThat(events).containsText("delivery");
            assertThat(events).containsText("success@simulator.amazonses.com");
            ConsoleBrowser.documentationShot(page, "ses-events");
            ConsoleBrowser.assertAccessible(page);
        });
        page.close();
    }

    @Test
    void lambdaInvokesWithAPayloadAndShowsTheAnswerLogAndRecentInvocations() throws Exception {
        String name = unique("greeter");
        SdkBytes code = zip("app.py", """
                def handler(event, context):
                    print("greeting", event["name"])
                    return {"greeting": "Hello " + event["name"]}
                """);
        try (LambdaClient lambda = client(LambdaClient.builder())) {
            lambda.createFunction(b -> b.functionName(name).runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + ACCOUNT + ":role/console").code(c -> c.zipFile(code)));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        }
        Page page = browser.openAs(ACCOUNT, "/lambda");
        ConsoleBrowser.withScreenshotOnFailure(page, "lambda", () -> {
            page.click("table[aria-label=Functions] tr[data-key='" + name + "']");
            assertThat(page.locator("text=No invocations in the log yet")).isVisible();
            page.fill("textarea[name=payload]", "{\"name\": \"Ana\"}");
            page.click("button:has-text('Invoke')");
            assertThat(page.locator("[data-testid=invoke-result]")).containsText("Status 200");
            assertThat(page.locator("[data-testid=invoke-payload]")).containsText("Hello Ana");
            assertThat(page.locator("[data-testid=invoke-log]")).containsText("greeting Ana");
            Locator invocations = page.locator("table[aria-label=Invocations]");
            assertThat(invocations.locator("tbody tr")).hasCount(1);
            assertThat(invocations).containsText("ok");
            invocations.locator("tbody tr").first().click();
            assertThat(page.locator("[data-testid=invocation-log]")).containsText("greeting Ana");

            page.fill("textarea[name=payload]", "{\"nobody\": true}");
            page.click("button:has-text('Invoke')");
            assertThat(page.locator("[data-testid=invoke-result]")).containsText("function error (Unhandled)");
            assertThat(page.locator("[data-testid=invoke-payload]")).containsText("KeyError");
            assertThat(invocations.locator("tbody tr")).hasCount(2);
            assertThat(invocations.locator("tbody tr").first()).containsText("error");
            ConsoleBrowser.documentationShot(page, "lambda");
            ConsoleBrowser.assertAccessible(page);

            page.fill("textarea[name=payload]", "{not json");
            page.click("button:has-text('Invoke')");
            assertThat(page.locator("[role=alert]")).containsText("The payload is not JSON");
        });
        page.close();
    }

    @Test
    void homeRecordsParsedInputAndOutputAndChartsCallsAndErrorsPerService() throws Exception {
        String absent = unique("absent");
        Page page = browser.openAs(ACCOUNT, "/");
        ConsoleBrowser.withScreenshotOnFailure(page, "home-requests", () -> {
            page.check("input[name=recording]");
            assertThat(page.locator("input[name=recording]")).isChecked();
            try (SqsClient sqs = client(SqsClient.builder())) {
                sqs.listQueues();
                try {
                    sqs.getQueueUrl(b -> b.queueName(absent));
                } catch (software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException expected) {
                    // the error the chart counts and the log shows
                }
            }
            // SQS reads publish no live event: the page's Refresh reads the log again
            page.click("button:has-text('Refresh')");
            Locator chart = page.locator("svg[aria-label='Calls and errors per service']");
            assertThat(chart).containsText("sqs");
            assertThat(page.locator("figcaption")).containsText("errors (status 400 and above)");
            Locator failed = page.locator("table[aria-label='Recent requests'] tbody tr:has-text('GetQueueUrl')");
            assertThat(failed).hasCount(1);
            failed.click();
            assertThat(page.locator("[data-testid=call-input]")).containsText("QueueName=" + absent);
            assertThat(page.locator("[data-testid=call-output]")).containsText("QueueDoesNotExist");
            ConsoleBrowser.documentationShot(page, "home-requests");
            ConsoleBrowser.assertAccessible(page);
            page.uncheck("input[name=recording]");
            assertThat(page.locator("input[name=recording]")).not().isChecked();
        });
        page.close();
    }

    static SdkBytes zip(String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return SdkBytes.fromByteArray(out.toByteArray());
    }
}
