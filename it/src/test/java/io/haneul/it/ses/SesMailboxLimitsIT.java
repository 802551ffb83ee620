package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The captured mailbox keeps at most its limits (oldest dropped) and is read a bounded page at a time. */
class SesMailboxLimitsIT {

    private static void send(SesClient ses, String subject) {
        ses.sendEmail(b -> b.source("me@example.com").destination(d -> d.toAddresses("rcpt@example.net"))
                .message(m -> m.subject(s -> s.data(subject)).body(x -> x.text(t -> t.data("text of " + subject)))));
    }

    private static List<String> subjects(JsonNode messages) {
        List<String> out = new ArrayList<>();
        messages.forEach(m -> out.add(m.get("subject").asText()));
        return out;
    }

    @Test
    void oldestMessagesGoBeyondTheCountLimit() throws Exception {
        try (TestServer server = TestServer.start("--ses-mailbox-max-messages", "5"); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("me@example.com"));
            for (int i = 0; i < 8; i++) {
                send(ses, "m" + i);
            }
            assertEquals(List.of("m3", "m4", "m5", "m6", "m7"), subjects(Ses.messages(server, "")));
        }
    }

    @Test
    void oldestMessagesGoBeyondTheByteLimit() throws Exception {
        try (TestServer server = TestServer.start("--ses-mailbox-max-bytes", "7000"); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("me@example.com"));
            String padding = "x".repeat(2000);
            for (int i = 0; i < 6; i++) {
                String n = "r" + i;
                ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromString("From: me@example.com\r\nTo: rcpt@example.net\r\n"
                        + "Subject: " + n + "\r\n\r\n" + padding + "\r\n", StandardCharsets.UTF_8))));
            }
            JsonNode kept = Ses.messages(server, "");
            long bytes = 0;
            for (JsonNode m : kept) {
                bytes += m.get("raw").asText().length();
            }
            assertTrue(bytes <= 7000, "bytes kept: " + bytes);
            List<String> subjects = subjects(kept);
            assertTrue(subjects.size() >= 2 && subjects.size() < 6, subjects.toString());
            assertEquals("r5", subjects.getLast());
            assertFalse(subjects.contains("r0"));
        }
    }

    @Test
    void listingsArePaged() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("me@example.com"));
            for (int i = 0; i < 7; i++) {
                send(ses, "p" + i);
            }
            assertEquals(7, Ses.messages(server, "").size());
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                JsonNode page = Ses.json(server, "/_haneul/ses/messages?limit=3&raw=false" + (token == null ? "" : "&nextToken=" + token));
                assertTrue(page.get("messages").size() <= 3);
                seen.addAll(subjects(page.get("messages")));
                token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
                pages++;
            } while (token != null);
            assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6"), seen);
            assertEquals(3, pages);

            JsonNode first = Ses.json(server, "/_aws/ses?limit=4");
            assertEquals(4, first.get("messages").size());
            JsonNode rest = Ses.json(server, "/_aws/ses?limit=4&nextToken=" + first.get("nextToken").asText());
            assertEquals(3, rest.get("messages").size());
            assertNull(rest.get("nextToken"));
            assertEquals("p6", rest.get("messages").get(2).get("Subject").asText());
            assertEquals(400, Ses.http(server, "GET", "/_haneul/ses/messages?nextToken=not-a-token").statusCode());
        }
    }
}
