package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.EventType;
import software.amazon.awssdk.services.ses.model.ReceiptAction;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/** SES's SQL on PostgreSQL: identities, the mailbox (its retention and pages), events, statistics and receipt rules. */
class SesPostgresIT {

    @Test
    void sesRunsOnPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE haneul_ses");
            }
            String storage = "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/haneul_ses";
            try (TestServer server = TestServer.start("--storage", storage, "--ses-mailbox-max-messages", "3"); SesClient ses = Ses.v1(server)) {
                ses.verifyDomainIdentity(b -> b.domain("pg.example"));
                ses.verifyDomainDkim(b -> b.domain("pg.example"));
                ses.createConfigurationSet(b -> b.configurationSet(x -> x.name("pg-set")));
                Ses.topic(server, "t");
                ses.createConfigurationSetEventDestination(b -> b.configurationSetName("pg-set").eventDestination(d -> d.name("d")
                        .enabled(true).matchingEventTypes(EventType.SEND, EventType.BOUNCE)
                        .snsDestination(x -> x.topicARN("arn:aws:sns:us-east-1:111111111111:t"))));
                String id = ses.sendEmail(b -> b.source("a@pg.example").configurationSetName("pg-set")
                        .destination(d -> d.toAddresses("bounce@simulator.amazonses.com"))
                        .message(m -> m.subject(x -> x.data("on pg")).body(x -> x.text(t -> t.data("b"))))).messageId();
                String raw = ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromUtf8String(
                        "From: a@pg.example\r\nTo: x@example.net\r\nSubject: raw pg\r\n\r\nbody")))).messageId();
                JsonNode m = Ses.messages(server, "?sender=a@pg.example&recipient=bounce@simulator.amazonses.com").get(0);
                assertEquals(id, m.get("id").asText());
                assertTrue(m.get("raw").asText().contains("DKIM-Signature"));
                assertEquals("raw pg", Ses.messages(server, "?id=" + raw).get(0).get("subject").asText());
                assertEquals(2, Ses.eventsWhen(server, id, 2).size());
                assertEquals(2.0, ses.getSendQuota().sentLast24Hours());
                assertEquals(1L, ses.getSendStatistics().sendDataPoints().stream().mapToLong(p -> p.bounces()).sum());

                ses.createReceiptRuleSet(b -> b.ruleSetName("pg"));
                ses.createReceiptRule(b -> b.ruleSetName("pg").rule(r -> r.name("r").enabled(true).recipients("in.pg.example")
                        .actions(ReceiptAction.builder().addHeaderAction(h -> h.headerName("X").headerValue("1")).build())));
                ses.setActiveReceiptRuleSet(b -> b.ruleSetName("pg"));
                String in = ses.sendEmail(b -> b.source("a@pg.example").destination(d -> d.toAddresses("u@in.pg.example"))
                        .message(x -> x.subject(y -> y.data("in")).body(y -> y.text(t -> t.data("b"))))).messageId();
                assertEquals("receipt:AddHeader", Ses.eventsWhen(server, in, 1).get(0).get("type").asText());

                // retention and paging: the mailbox keeps its newest three, read two at a time
                for (int i = 0; i < 3; i++) {
                    String subject = "kept " + i;
                    ses.sendEmail(b -> b.source("a@pg.example").destination(d -> d.toAddresses("k@example.net"))
                            .message(x -> x.subject(y -> y.data(subject)).body(y -> y.text(t -> t.data("b")))));
                }
                JsonNode first = Ses.json(server, "/_haneul/ses/messages?limit=2&raw=false");
                assertEquals("kept 0", first.get("messages").get(0).get("subject").asText());
                JsonNode rest = Ses.json(server, "/_haneul/ses/messages?limit=2&raw=false&nextToken=" + first.get("nextToken").asText());
                assertEquals(1, rest.get("messages").size());
                assertEquals("kept 2", rest.get("messages").get(0).get("subject").asText());
                assertNull(rest.get("nextToken"));
                assertEquals(200, Ses.http(server, "DELETE", "/_haneul/ses/messages").statusCode());
                assertEquals(0, Ses.messages(server, "").size());
            }
        }
    }
}
