package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw mail must come from the caller's own verified identities in every header SES checks (From,
 * Sender, Return-Path), not only in the Source: another account's verified domain is refused.
 */
class SesSenderChecksIT {

    private static SdkBytes raw(String headers) {
        return SdkBytes.fromString(headers.replace("\n", "\r\n") + "To: rcpt@example.net\r\nSubject: hi\r\n\r\nbody\r\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void rawMailFromAnotherAccountsDomainIsRefused() throws Exception {
        try (TestServer server = TestServer.start(); SesClient mine = Ses.v1(server); SesClient theirs = Ses.v1(server, "222222222222");
             SesV2Client mineV2 = Ses.v2(server)) {
            mine.verifyDomainIdentity(b -> b.domain("ok.example"));
            theirs.verifyDomainIdentity(b -> b.domain("victim.example"));

            assertNotNull(mine.sendRawEmail(b -> b.source("me@ok.example").rawMessage(r -> r.data(raw("From: me@ok.example\n"))))
                    .messageId());

            var forgedFrom = Ses.fails("MessageRejected", () -> mine.sendRawEmail(b -> b.source("me@ok.example")
                    .rawMessage(r -> r.data(raw("From: \"CEO\" <ceo@victim.example>\n")))));
            assertEquals("Email address is not verified. The following identities failed the check in region US-EAST-1: "
                    + "ceo@victim.example", forgedFrom.awsErrorDetails().errorMessage());
            Ses.fails("MessageRejected", () -> mine.sendRawEmail(b -> b.source("me@ok.example")
                    .rawMessage(r -> r.data(raw("From: me@ok.example\nSender: boss@victim.example\n")))));
            Ses.fails("MessageRejected", () -> mine.sendRawEmail(b -> b.source("me@ok.example")
                    .rawMessage(r -> r.data(raw("From: me@ok.example\nReturn-Path: <bounces@victim.example>\n")))));
            // a From a lenient parser reads as me@ok.example and mail clients as ceo@victim.example
            var ambiguous = Ses.fails("MessageRejected", () -> mine.sendRawEmail(b -> b.source("me@ok.example")
                    .rawMessage(r -> r.data(raw("From: ceo@victim.example me@ok.example\n")))));
            assertTrue(ambiguous.awsErrorDetails().errorMessage().contains("Illegal address"), ambiguous.toString());

            MessageRejectedException v2 = assertThrows(MessageRejectedException.class, () -> mineV2.sendEmail(b -> b
                    .fromEmailAddress("me@ok.example").destination(d -> d.toAddresses("rcpt@example.net"))
                    .content(c -> c.raw(r -> r.data(raw("From: ceo@victim.example\n"))))));
            assertTrue(v2.awsErrorDetails().errorMessage().contains("ceo@victim.example"), v2.toString());

            var noFrom = Ses.fails("MessageRejected", () -> mine.sendRawEmail(b -> b.source("me@ok.example")
                    .rawMessage(r -> r.data(raw("")))));
            assertEquals("Missing required header 'From'.", noFrom.awsErrorDetails().errorMessage());
            assertEquals(1, Ses.messages(server, "?recipient=rcpt@example.net").size());
        }
    }
}
