package io.haneul.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.haneul.it.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.haneul.it.sns.SnsTesting.json;
import static io.haneul.it.sns.SnsTesting.name;
import static io.haneul.it.sns.SnsTesting.outbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** email and email-json subscriptions mail through SES's outbound path (captured mailbox, SMTP relay); outbox only without SES. */
class SnsEmailViaSesIT {

    static final String ACCOUNT = "666666666666";
    static final String CONFIRMATION = "AWS Notification - Subscription Confirmation";

    /** The captured SES mails to a recipient. */
    private static List<JsonNode> mailbox(TestServer server, String recipient) {
        HttpResponse<String> r = SnsTesting.get(server.endpoint() + "/_haneul/ses/messages?raw=false&recipient="
                + URLEncoder.encode(recipient, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> out = new ArrayList<>();
        json(r.body()).get("messages").forEach(out::add);
        return out;
    }

    /** Polls the mailbox (mail is sent by a job) until a mail to the recipient matches. */
    private static JsonNode awaitMail(TestServer server, String recipient, Predicate<JsonNode> match) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            for (JsonNode m : mailbox(server, recipient)) {
                if (match.test(m)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        return fail("no matching SES mail to " + recipient + " within 10 s: " + mailbox(server, recipient));
    }

    private static boolean confirmed(SnsClient sns, String topicArn, String endpoint) {
        return sns.listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> s.endpoint().equals(endpoint) && !s.subscriptionArn().equals("PendingConfirmation"));
    }

    @Test
    void emailSubscriptionsAreConfirmedAndNotifiedThroughSes() throws Exception {
        try (TestServer server = TestServer.start(); SnsClient sns = SnsTesting.sns(server, ACCOUNT)) {
            String topicArn = sns.createTopic(r -> r.name(name("mail"))).topicArn();
            String address = name("reader") + "@example.com";
            assertEquals("pending confirmation", sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint(address)).subscriptionArn());

            JsonNode confirmation = awaitMail(server, address, m -> CONFIRMATION.equals(m.get("subject").asText()));
            assertEquals("no-reply@sns.amazonaws.com", confirmation.get("source").asText());
            assertEquals(List.of(address), List.of(confirmation.get("to").get(0).asText()));
            String text = confirmation.get("text").asText();
            assertTrue(text.startsWith("You have chosen to subscribe to the topic: " + topicArn + "\n"), text);
            assertTrue(text.contains("\nConfirm subscription\n"), text);
            String subscribeUrl = text.substring(text.indexOf("http")).trim();
            assertTrue(subscribeUrl.contains("Action=ConfirmSubscription"), subscribeUrl);
            assertFalse(confirmed(sns, topicArn, address));
            assertEquals(200, SnsTesting.get(subscribeUrl).statusCode());
            assertTrue(confirmed(sns, topicArn, address));

            sns.publish(r -> r.topicArn(topicArn).message("hello by mail").subject("Greetings"));
            JsonNode mail = awaitMail(server, address, m -> "Greetings".equals(m.get("subject").asText()));
            assertEquals("hello by mail", mail.get("text").asText().trim());
            assertEquals("no-reply@sns.amazonaws.com", mail.get("source").asText());

            sns.publish(r -> r.topicArn(topicArn).messageStructure("json")
                    .message("{\"default\":\"for everyone\",\"email\":\"just for mail\"}"));
            JsonNode structured = awaitMail(server, address, m -> "AWS Notification Message".equals(m.get("subject").asText()));
            assertEquals("just for mail", structured.get("text").asText().trim());

            // the outbox keeps recording email deliveries
            assertTrue(outbox(server, "target=" + address).size() >= 3);
        }
    }

    @Test
    void emailJsonSubscribersGetTheJsonEnvelopes() throws Exception {
        try (TestServer server = TestServer.start(); SnsClient sns = SnsTesting.sns(server, ACCOUNT)) {
            String topicArn = sns.createTopic(r -> r.name(name("json"))).topicArn();
            String address = name("robot") + "@example.com";
            sns.subscribe(r -> r.topicArn(topicArn).protocol("email-json").endpoint(address));
            JsonNode confirmation = json(awaitMail(server, address, m -> CONFIRMATION.equals(m.get("subject").asText())).get("text").asText());
            assertEquals("SubscriptionConfirmation", confirmation.get("Type").asText());
            assertEquals(topicArn, confirmation.get("TopicArn").asText());
            assertEquals(200, SnsTesting.get(confirmation.get("SubscribeURL").asText()).statusCode());
            assertTrue(confirmed(sns, topicArn, address));

            String messageId = sns.publish(r -> r.topicArn(topicArn).message("json by mail").subject("Robots")).messageId();
            JsonNode envelope = json(awaitMail(server, address, m -> "Robots".equals(m.get("subject").asText())).get("text").asText());
            assertEquals("Notification", envelope.get("Type").asText());
            assertEquals(messageId, envelope.get("MessageId").asText());
            assertEquals("json by mail", envelope.get("Message").asText());
            assertEquals("Robots", envelope.get("Subject").asText());
            assertTrue(SnsTesting.verifiedByAws(envelope.toString()));
        }
    }

    @Test
    void withoutSesEmailDeliveriesStayInTheOutbox() throws Exception {
        try (TestServer server = TestServer.start("--services", "sns,sqs"); SnsClient sns = SnsTesting.sns(server, ACCOUNT)) {
            String topicArn = sns.createTopic(r -> r.name(name("nomail"))).topicArn();
            String address = name("offline") + "@example.com";
            sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint(address));
            JsonNode entries = outbox(server, "target=" + address);
            assertEquals(1, entries.size());
            JsonNode confirmation = entries.get(0);
            assertEquals("SubscriptionConfirmation", confirmation.get("kind").asText());
            assertEquals(CONFIRMATION, confirmation.get("subject").asText());
            String text = confirmation.get("message").asText();
            assertEquals(200, SnsTesting.get(text.substring(text.indexOf("http")).trim()).statusCode());
            assertTrue(confirmed(sns, topicArn, address));
            sns.publish(r -> r.topicArn(topicArn).message("still recorded").subject("Offline"));
            SnsTesting.eventually(5, "the notification in the outbox", () -> outbox(server, "target=" + address).size() == 2);
            JsonNode plain = outbox(server, "target=" + address).get(1);
            assertEquals("still recorded", plain.get("message").asText());
            assertEquals("Offline", plain.get("subject").asText());
        }
    }

    @Test
    void confirmationMailsAreRelayedUnderSmtpDelivery() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer server = TestServer.start("--ses-delivery", "smtp", "--ses-smtp-host", "127.0.0.1", "--ses-smtp-port",
                String.valueOf(port), "--ses-smtp-starttls", "false");
             SnsClient sns = SnsTesting.sns(server, ACCOUNT)) {
            String topicArn = sns.createTopic(r -> r.name(name("relay"))).topicArn();
            String address = name("relayed") + "@example.net";
            sns.subscribe(r -> r.topicArn(topicArn).protocol("email").endpoint(address));
            SnsTesting.eventually(10, "the relayed confirmation mail", () -> smtp.getReceivedMessages().length >= 1);
            MimeMessage got = smtp.getReceivedMessages()[0];
            assertEquals(CONFIRMATION, got.getSubject());
            assertEquals(address, got.getAllRecipients()[0].toString());
            assertTrue(String.valueOf(got.getContent()).contains("Action=ConfirmSubscription"));
        } finally {
            smtp.stop();
        }
    }
}
