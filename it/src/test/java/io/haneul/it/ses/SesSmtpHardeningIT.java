package io.haneul.it.ses;

import io.haneul.it.support.ChildServer;
import io.haneul.it.support.TestServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP interface under abuse: forged and missing From headers, oversized and concurrent large
 * messages (a small-heap child must survive and keep accepting mail), credentials in debug logs,
 * and AUTH before STARTTLS in strict mode.
 */
class SesSmtpHardeningIT {

    /** Concurrent 39 MiB messages: together well beyond the child's 384 MiB heap. */
    private static final int SESSIONS = 12;
    private static final String HEADERS = "From: me@ok.example\nTo: rcpt@example.net\nSubject: hi\n";

    @Test
    void forgedOrMissingFromIsRefusedAndOversizedDataGets552() throws Exception {
        try (TestServer server = TestServer.start(); SesClient mine = Ses.v1(server); SesClient theirs = Ses.v1(server, "222222222222")) {
            mine.verifyDomainIdentity(b -> b.domain("ok.example"));
            theirs.verifyDomainIdentity(b -> b.domain("victim.example"));
            int port = Ses.smtpPort(server);

            Session s = SesSmtpIT.session(port, true, "111111111111", "x");
            s.getProperties().put("mail.smtp.from", "me@ok.example");
            MessagingException forged = assertThrows(MessagingException.class, () -> SesSmtpIT.send(s,
                    SesSmtpIT.message(s, "ceo@victim.example", "rcpt@example.net", "forged"), "111111111111", "x"));
            String why = forged + " " + forged.getNextException();
            assertTrue(why.contains("554") && why.contains("ceo@victim.example"), why);

            try (SmtpWire smtp = new SmtpWire(port)) {
                smtp.command("EHLO client.test");
                assertTrue(smtp.command("AUTH PLAIN " + Base64.getEncoder().encodeToString("\u0000111111111111\u0000x".getBytes())).startsWith("235"));
                assertTrue(smtp.command("MAIL FROM:<me@ok.example>").startsWith("250"));
                assertTrue(smtp.command("RCPT TO:<rcpt@example.net>").startsWith("250"));
                String noFrom = smtp.data("To: rcpt@example.net\nSubject: no from\n", 100);
                assertTrue(noFrom.startsWith("554") && noFrom.contains("Missing required header 'From'."), noFrom);

                assertTrue(smtp.command("RSET").startsWith("250"));
                assertTrue(smtp.command("MAIL FROM:<me@ok.example>").startsWith("250"));
                assertTrue(smtp.command("RCPT TO:<rcpt@example.net>").startsWith("250"));
                String tooBig = smtp.data(HEADERS, 40L * 1024 * 1024 + 100_000);
                assertTrue(tooBig.startsWith("552"), tooBig);
                assertTrue(smtp.command("NOOP").startsWith("250"), "the session stays in step after a refused DATA");

                assertTrue(smtp.command("RSET").startsWith("250"));
                assertTrue(smtp.command("MAIL FROM:<me@ok.example>").startsWith("250"));
                assertTrue(smtp.command("RCPT TO:<rcpt@example.net>").startsWith("250"));
                String ok = smtp.data(HEADERS, 1000);
                assertTrue(ok.startsWith("250 Ok "), ok);
            }
            assertEquals(1, Ses.messages(server, "?recipient=rcpt@example.net").size());
        }
    }

    @Test
    void strictModeRefusesAuthBeforeStartTls() throws Exception {
        Path creds = Files.createTempFile("creds", ".txt");
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        Files.writeString(creds, "AKIASMTPUSER0000001 " + secret + " 222222222222\n");
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString(),
                "--ses-verification", "auto");
             SesClient ses = SesClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASMTPUSER0000001", secret)))
                     .build()) {
            ses.verifyEmailIdentity(b -> b.emailAddress("strict@example.com"));
            // strict mode: internal endpoints want a signature too; unsigned, health is minimal
            int port = Ses.signedJson(server, "AKIASMTPUSER0000001", secret, "/_haneul/health", java.util.Map.of())
                    .get("smtp").get("port").asInt();
            String password = Ses.signedJson(server, "AKIASMTPUSER0000001", secret, "/_haneul/ses/smtp-password",
                    java.util.Map.of("secretAccessKey", secret)).get("password").asText();
            try (SmtpWire smtp = new SmtpWire(port)) {
                String ehlo = smtp.command("EHLO client.test");
                assertTrue(ehlo.contains("STARTTLS"), ehlo);
                assertFalse(ehlo.contains("AUTH"), ehlo);
                String auth = smtp.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                        ("\u0000AKIASMTPUSER0000001\u0000" + password).getBytes(StandardCharsets.UTF_8)));
                assertEquals("530 Must issue a STARTTLS command first", auth);
            }
            Session tls = SesSmtpIT.session(port, true, "AKIASMTPUSER0000001", password);
            SesSmtpIT.send(tls, SesSmtpIT.message(tls, "strict@example.com", "dest@example.net", "after tls"), "AKIASMTPUSER0000001",
                    password);
            assertEquals(1, Ses.signedJson(server, "AKIASMTPUSER0000001", secret, "/_haneul/ses/messages",
                    java.util.Map.of("recipient", "dest@example.net")).get("messages").size());
        }
        try (TestServer server = TestServer.start("--auth", "strict", "--credentials", creds.toString(), "--smtp-auth-without-tls", "true");
             SmtpWire smtp = new SmtpWire(Ses.signedJson(server, "AKIASMTPUSER0000001", secret, "/_haneul/health",
                     java.util.Map.of()).get("smtp").get("port").asInt())) {
            assertTrue(smtp.command("EHLO client.test").contains("AUTH"));
        }
    }

    @Test
    void debugLogsHoldNoSmtpCredentials() throws Exception {
        Path dir = Files.createTempDirectory("haneul-smtp-log");
        String password = "Sm7pP4ssw0rdThatMustNotLeak";
        String plain = Base64.getEncoder().encodeToString(("\u0000111111111111\u0000" + password).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        String log;
        try (ChildServer child = ChildServer.start(dir.resolve("data"), "--services", "ses", "--smtp-port", "0",
                "--log-level", "debug")) {
            int port = smtpPort(child);
            try (SmtpWire smtp = new SmtpWire(port)) {
                smtp.command("EHLO client.test");
                assertTrue(smtp.command("AUTH PLAIN " + plain).startsWith("235"));
            }
            try (SmtpWire smtp = new SmtpWire(port)) {
                smtp.command("EHLO client.test");
                assertTrue(smtp.command("AUTH LOGIN " + Base64.getEncoder().encodeToString("111111111111".getBytes())).startsWith("334"));
                assertTrue(smtp.command(login).startsWith("235"));
                smtp.command("QUIT");
            }
            Thread.sleep(200);
            log = Files.readString(child.stderr(), StandardCharsets.UTF_8);
        }
        assertTrue(log.contains("DEBUG"), "the child logs at debug level");
        assertFalse(log.contains(plain), "AUTH PLAIN's credentials in the log");
        assertFalse(log.contains(login), "AUTH LOGIN's password in the log");
        assertFalse(log.contains(password));
    }

    @Test
    void concurrentLargeMessagesDoNotExhaustASmallHeap() throws Exception {
        Path dir = Files.createTempDirectory("haneul-smtp-flood");
        try (ChildServer child = ChildServer.startWithHeap(dir.resolve("data"), "384m", "--services", "ses", "--smtp-port", "0",
                "--ses-mailbox-max-bytes", "100000000")) {
            try (SesClient ses = SesClient.builder().endpointOverride(child.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDEFAULT", "x"))).build()) {
                ses.verifyDomainIdentity(b -> b.domain("ok.example"));
            }
            int port = smtpPort(child);
            List<Callable<String>> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(() -> {
                    try (SmtpWire smtp = new SmtpWire(port)) {
                        smtp.command("EHLO flood.test");
                        smtp.command("MAIL FROM:<me@ok.example>");
                        smtp.command("RCPT TO:<rcpt@example.net>");
                        return smtp.data(HEADERS, 39L * 1024 * 1024);
                    }
                });
            }
            List<String> replies = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Future<String> f : pool.invokeAll(sessions)) {
                    replies.add(f.get());
                }
            }
            assertTrue(child.isAlive(), "the server survived");
            for (String r : replies) {
                assertTrue(r.startsWith("250 Ok ") || r.startsWith("452 "), "each message is taken or deferred: " + replies);
            }
            assertTrue(replies.stream().anyMatch(r -> r.startsWith("250")), replies.toString());
            try (SmtpWire smtp = new SmtpWire(port)) {
                smtp.command("EHLO after.test");
                smtp.command("MAIL FROM:<me@ok.example>");
                smtp.command("RCPT TO:<rcpt@example.net>");
                assertTrue(smtp.data(HEADERS, 2000).startsWith("250 Ok "), "a normal message is still accepted");
            }
        }
    }

    private static int smtpPort(ChildServer child) throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(child.endpoint()
                + "/_haneul/health")).build(), HttpResponse.BodyHandlers.ofString());
        return Ses.JSON.readTree(health.body()).get("smtp").get("port").asInt();
    }
}
