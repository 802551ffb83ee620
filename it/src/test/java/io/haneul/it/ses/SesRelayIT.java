package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.haneul.it.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;

import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --ses-delivery smtp}: relay to a real SMTP server (GreenMail), with retries on the durable scheduler. */
class SesRelayIT {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void messagesAreRelayedWithAuthAndDeliveryEvents() throws Exception {
        int port = freePort();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.setUser("relay-user", "relay-pass");
        mail.start();
        try (TestServer server = TestServer.start("--ses-delivery", "smtp", "--ses-smtp-host", "127.0.0.1", "--ses-smtp-port",
                String.valueOf(port), "--ses-smtp-starttls", "false", "--ses-smtp-username", "relay-user", "--ses-smtp-password", "relay-pass");
             SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("relay@example.com"));
            ses.createConfigurationSet(b -> b.configurationSet(c -> c.name("relay-set")));
            Ses.topic(server, "t");
            ses.createConfigurationSetEventDestination(b -> b.configurationSetName("relay-set").eventDestination(d -> d.name("d")
                    .enabled(true).matchingEventTypes(EventType.SEND, EventType.DELIVERY, EventType.BOUNCE)
                    .snsDestination(x -> x.topicARN("arn:aws:sns:us-east-1:111111111111:t"))));
            String id = ses.sendEmail(b -> b.source("relay@example.com").configurationSetName("relay-set")
                    .destination(d -> d.toAddresses("one@example.net", "bounce@simulator.amazonses.com").bccAddresses("hidden@example.net"))
                    .message(m -> m.subject(s -> s.data("Relayed ✓")).body(x -> x.text(t -> t.data("via relay"))))).messageId();
            Ses.eventually(10, "two relayed copies (to + bcc)", () -> mail.getReceivedMessages().length >= 2);
            MimeMessage[] got = mail.getReceivedMessages();
            assertEquals(2, got.length, "the simulator address is not relayed");
            assertEquals("Relayed ✓", got[0].getSubject());
            assertEquals("<" + id + "@email.amazonses.com>", got[0].getMessageID());
            assertNull(got[0].getHeader("Bcc"));
            JsonNode events = Ses.eventsWhen(server, id, 3);
            List<String> types = new java.util.ArrayList<>();
            events.forEach(e -> types.add(e.get("event").get("eventType").asText()));
            assertTrue(types.containsAll(List.of("Send", "Bounce", "Delivery")), types.toString());
            JsonNode delivery = events.get(types.indexOf("Delivery")).get("event").get("delivery");
            assertTrue(delivery.get("recipients").toString().contains("one@example.net"));
            assertTrue(delivery.get("smtpResponse").asText().startsWith("250"), delivery.toString());
            Ses.eventually(5, "status delivered", () -> {
                try {
                    return Ses.messages(server, "?id=" + id).get(0).get("status").asText().equals("bounced");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            mail.stop();
        }
    }

    @Test
    void relayOverTls() throws Exception {
        int port = freePort();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        mail.start();
        try (TestServer server = TestServer.start("--ses-delivery", "smtp", "--ses-smtp-host", "127.0.0.1", "--ses-smtp-port",
                String.valueOf(port), "--ses-smtp-ssl", "true");
             SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("tls@example.com"));
            ses.sendEmail(b -> b.source("tls@example.com").destination(d -> d.toAddresses("secure@example.net"))
                    .message(m -> m.subject(s -> s.data("over TLS")).body(x -> x.text(t -> t.data("b")))));
            Ses.eventually(10, "relayed over TLS", () -> mail.getReceivedMessages().length == 1);
            assertEquals("over TLS", mail.getReceivedMessages()[0].getSubject());
        } finally {
            mail.stop();
        }
    }

    @Test
    void aRelayThatIsDownIsRetriedAndAcknowledgedMailSurvivesRestart() throws Exception {
        int port = freePort();
        String[] options = {"--ses-delivery", "smtp", "--ses-smtp-host", "127.0.0.1", "--ses-smtp-port", String.valueOf(port),
                "--ses-smtp-starttls", "false"};
        TestServer first = TestServer.start(options);
        String id;
        try (SesClient ses = Ses.v1(first)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("later@example.com"));
            id = ses.sendEmail(b -> b.source("later@example.com").destination(d -> d.toAddresses("wait@example.net"))
                    .message(m -> m.subject(s -> s.data("eventually")).body(x -> x.text(t -> t.data("b"))))).messageId();
            Thread.sleep(300);
            assertEquals("queued", Ses.messages(first, "?id=" + id).get(0).get("status").asText());
        }
        first.close();
        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (TestServer second = TestServer.startIn(first.dataDir(), java.time.Clock.systemUTC(), options)) {
            Ses.eventually(20, "the queued message is relayed after the restart", () -> mail.getReceivedMessages().length >= 1);
            assertEquals("eventually", mail.getReceivedMessages()[0].getSubject());
            Ses.eventually(5, "delivered", () -> {
                try {
                    return Ses.messages(second, "?id=" + id).get(0).get("status").asText().equals("delivered");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            mail.stop();
        }
    }
}
