package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/** The SMTP interface: STARTTLS, AUTH, SES SMTP credentials, X-SES headers; the listener starts with the server. */
class SesSmtpIT {

    static Session session(int port, boolean startTls, String user, String password) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        p.put("mail.smtp.starttls.required", String.valueOf(startTls));
        p.put("mail.smtp.ssl.trust", "*");
        p.put("mail.smtp.auth", String.valueOf(user != null));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.localhost", "client.test");
        return Session.getInstance(p);
    }

    static MimeMessage message(Session s, String from, String to, String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText("over smtp ✓", "UTF-8");
        return m;
    }

    static void send(Session s, MimeMessage m, String user, String password) throws MessagingException {
        try (Transport t = s.getTransport("smtp")) {
            if (user != null) {
                t.connect(user, password);
            } else {
                t.connect();
            }
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    void healthReportsTheListenerAndStartTlsAuthMailIsCaptured() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            int port = Ses.smtpPort(server);
            assertTrue(port > 0);
            ses.verifyEmailIdentity(b -> b.emailAddress("smtp@example.com"));
            ses.createConfigurationSet(b -> b.configurationSet(c -> c.name("smtp-set")));
            Ses.topic(server, "t");
            ses.createConfigurationSetEventDestination(b -> b.configurationSetName("smtp-set").eventDestination(d -> d.name("d")
                    .enabled(true).matchingEventTypes(EventType.SEND).snsDestination(x -> x.topicARN("arn:aws:sns:us-east-1:111111111111:t"))));
            Session s = session(port, true, "111111111111", "anything");
            MimeMessage m = message(s, "smtp@example.com", "rcpt@example.net", "Über SMTP");
            m.setHeader("X-SES-CONFIGURATION-SET", "smtp-set");
            m.setRecipients(Message.RecipientType.BCC, "blind@example.net");
            send(s, m, "111111111111", "anything");
            JsonNode got = Ses.messages(server, "?recipient=rcpt@example.net").get(0);
            assertEquals("Über SMTP", got.get("subject").asText());
            assertEquals("over smtp ✓", got.get("text").asText().trim());
            assertEquals("smtp-set", got.get("configurationSet").asText());
            assertEquals("rcpt@example.net", got.get("to").get(0).asText());
            assertEquals("blind@example.net", got.get("bcc").get(0).asText());
            assertEquals("111111111111", got.get("account").asText());
            assertFalse(got.get("raw").asText().contains("X-SES-CONFIGURATION-SET"));
            assertEquals("Send", Ses.eventsWhen(server, got.get("id").asText(), 1).get(0).get("event").get("eventType").asText());

            // unverified senders are refused at DATA like SendRawEmail
            MessagingException e = assertThrows(MessagingException.class, () -> send(s, message(s, "nobody@unverified.example",
                    "rcpt@example.net", "x"), "111111111111", "x"));
            assertTrue(String.valueOf(e.getMessage()).contains("554") || e instanceof SendFailedException, e.toString());

            // plain (no TLS) submission without AUTH is accepted in permissive mode as the default account
            Session plain = session(port, false, null, null);
            ses.close();
            try (SesClient dflt = Ses.v1(server, "AKIDDEFAULT")) {
                dflt.verifyEmailIdentity(b -> b.emailAddress("open@example.com"));
            }
            send(plain, message(plain, "open@example.com", "plain@example.net", "plain"), null, null);
            assertEquals("000000000000", Ses.messages(server, "?recipient=plain@example.net").get(0).get("account").asText());
        }
    }

    @Test
    void strictModeTakesSesSmtpPasswordsDerivedFromTheSecret() throws Exception {
        Path creds = Files.createTempFile("creds", ".txt");
        Files.writeString(creds, "AKIASMTPUSER0000001 wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY 222222222222\n");
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString(),
                "--ses-verification", "auto");
             SesClient ses = SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASMTPUSER0000001",
                             "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))).build()) {
            ses.verifyEmailIdentity(b -> b.emailAddress("strict@example.com"));
            // strict mode: internal endpoints want a signature too (any service name in the scope); unsigned, health is minimal
            int port = Ses.signedJson(server, "AKIASMTPUSER0000001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "/_haneul/health",
                    java.util.Map.of()).get("smtp").get("port").asInt();
            String password = Ses.signedJson(server, "AKIASMTPUSER0000001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "/_haneul/ses/smtp-password", java.util.Map.of("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                    .get("password").asText();
            assertEquals("BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9", password);
            Session s = session(port, true, "AKIASMTPUSER0000001", password);
            send(s, message(s, "strict@example.com", "dest@example.net", "strict"), "AKIASMTPUSER0000001", password);
            assertEquals("222222222222", Ses.signedJson(server, "AKIASMTPUSER0000001", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "/_haneul/ses/messages", java.util.Map.of("recipient", "dest@example.net")).get("messages").get(0).get("account").asText());

            assertThrows(AuthenticationFailedException.class, () -> send(s, message(s, "strict@example.com", "dest@example.net", "x"),
                    "AKIASMTPUSER0000001", "wrong"));
            Session anonymous = session(port, true, null, null);
            MessagingException e = assertThrows(MessagingException.class, () -> send(anonymous,
                    message(anonymous, "strict@example.com", "dest@example.net", "x"), null, null));
            assertTrue(e.toString().contains("530") || (e.getNextException() != null && e.getNextException().toString().contains("530")),
                    e.toString());
        }
    }
}
