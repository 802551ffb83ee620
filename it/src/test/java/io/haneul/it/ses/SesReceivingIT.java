package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Receipt rule sets: CRUD, order, the active set, and inbound mail running its rules' actions. */
class SesReceivingIT {

    private static ReceiptRule rule(String name, List<String> recipients, ReceiptAction... actions) {
        return ReceiptRule.builder().name(name).enabled(true).recipients(recipients).actions(actions).build();
    }

    @Test
    void ruleSetCrudOrderAndActive() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            ses.createReceiptRuleSet(b -> b.ruleSetName("main"));
            Ses.fails("AlreadyExists", () -> ses.createReceiptRuleSet(b -> b.ruleSetName("main")));
            ses.createReceiptRule(b -> b.ruleSetName("main").rule(rule("a", List.of("in.example"),
                    ReceiptAction.builder().stopAction(s -> s.scope("RuleSet")).build())));
            ses.createReceiptRule(b -> b.ruleSetName("main").after("a").rule(rule("b", List.of(),
                    ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-A").headerValue("1")).build())));
            ses.createReceiptRule(b -> b.ruleSetName("main").rule(rule("first", List.of(),
                    ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-B").headerValue("2")).build())));
            assertEquals(List.of("first", "a", "b"), names(ses, "main"));
            ses.reorderReceiptRuleSet(b -> b.ruleSetName("main").ruleNames("b", "a", "first"));
            assertEquals(List.of("b", "a", "first"), names(ses, "main"));
            ses.setReceiptRulePosition(b -> b.ruleSetName("main").ruleName("first").after("b"));
            assertEquals(List.of("b", "first", "a"), names(ses, "main"));
            Ses.fails("InvalidParameterValue", () -> ses.reorderReceiptRuleSet(b -> b.ruleSetName("main").ruleNames("b")));
            Ses.fails("RuleDoesNotExist", () -> ses.describeReceiptRule(b -> b.ruleSetName("main").ruleName("zzz")));
            assertEquals("X-A", ses.describeReceiptRule(b -> b.ruleSetName("main").ruleName("b")).rule().actions().get(0)
                    .addHeaderAction().headerName());
            ses.updateReceiptRule(b -> b.ruleSetName("main").rule(rule("b", List.of("x.example"))));
            assertEquals(List.of("x.example"), ses.describeReceiptRule(b -> b.ruleSetName("main").ruleName("b")).rule().recipients());

            ses.cloneReceiptRuleSet(b -> b.ruleSetName("copy").originalRuleSetName("main"));
            assertEquals(List.of("b", "first", "a"), names(ses, "copy"));
            assertEquals(2, ses.listReceiptRuleSets(b -> { }).ruleSets().size());
            Ses.fails("RuleSetDoesNotExist", () -> ses.setActiveReceiptRuleSet(b -> b.ruleSetName("absent")));
            ses.setActiveReceiptRuleSet(b -> b.ruleSetName("main"));
            assertEquals("main", ses.describeActiveReceiptRuleSet(b -> { }).metadata().name());
            Ses.fails("CannotDelete", () -> ses.deleteReceiptRuleSet(b -> b.ruleSetName("main")));
            ses.setActiveReceiptRuleSet(b -> { });
            assertNull(ses.describeActiveReceiptRuleSet(b -> { }).metadata());
            ses.deleteReceiptRule(b -> b.ruleSetName("main").ruleName("a"));
            assertEquals(List.of("b", "first"), names(ses, "main"));
            ses.deleteReceiptRuleSet(b -> b.ruleSetName("main"));
            Ses.fails("RuleSetDoesNotExist", () -> ses.describeReceiptRuleSet(b -> b.ruleSetName("main")));

            ses.createReceiptFilter(b -> b.filter(f -> f.name("block").ipFilter(i -> i.policy("Block").cidr("10.0.0.0/8"))));
            assertEquals("10.0.0.0/8", ses.listReceiptFilters(b -> { }).filters().get(0).ipFilter().cidr());
            ses.deleteReceiptFilter(b -> b.filterName("block"));
            assertTrue(ses.listReceiptFilters(b -> { }).filters().isEmpty());
        }
    }

    private static List<String> names(SesClient ses, String set) {
        List<String> out = new ArrayList<>();
        ses.describeReceiptRuleSet(b -> b.ruleSetName(set)).rules().forEach(r -> out.add(r.name()));
        return out;
    }

    @Test
    void inboundSmtpMailRunsTheActiveRules() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            String topic = "arn:aws:sns:us-east-1:111111111111:inbound";
            ses.createReceiptRuleSet(b -> b.ruleSetName("in"));
            ses.createReceiptRule(b -> b.ruleSetName("in").rule(rule("notify", List.of("inbound.example"),
                    ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-Seen").headerValue("yes")).build(),
                    ReceiptAction.builder().snsAction(s -> s.topicArn(topic).encoding("Base64")).build(),
                    ReceiptAction.builder().s3Action(s -> s.bucketName("mail")).build(),
                    ReceiptAction.builder().stopAction(s -> s.scope("RuleSet")).build())));
            ses.createReceiptRule(b -> b.ruleSetName("in").after("notify").rule(rule("never", List.of(),
                    ReceiptAction.builder().addHeaderAction(h -> h.headerName("X-Never").headerValue("1")).build())));
            ses.createReceiptRule(b -> b.ruleSetName("in").after("never").rule(rule("bounce", List.of("nobody@bounce.example"),
                    ReceiptAction.builder().bounceAction(x -> x.sender("mailer-daemon@bounce.example").smtpReplyCode("550")
                            .statusCode("5.1.1").message("No such user")).build())));
            ses.setActiveReceiptRuleSet(b -> b.ruleSetName("in"));

            int port = Ses.smtpPort(server);
            Session s = SesSmtpIT.session(port, true, null, null);
            MimeMessage m = SesSmtpIT.message(s, "outsider@elsewhere.example", "team@inbound.example", "Hello inbound");
            SesSmtpIT.send(s, m, null, null);
            JsonNode received = Ses.messages(server, "?recipient=team@inbound.example").get(0);
            assertEquals("received", received.get("status").asText());
            JsonNode events = Ses.eventsWhen(server, received.get("id").asText(), 4);
            List<String> types = new ArrayList<>();
            events.forEach(e -> types.add(e.get("type").asText()));
            assertEquals(List.of("receipt:AddHeader", "receipt:SNS", "receipt:S3", "receipt:Stop"), types);
            assertTrue(events.get(2).get("outcome").asText().startsWith("failed: NoSuchBucket"), events.get(2).toString());

            SesSmtpIT.send(s, SesSmtpIT.message(s, "outsider@elsewhere.example", "nobody@bounce.example", "to bounce"), null, null);
            Ses.eventually(10, "bounce reply captured", () -> {
                try {
                    return Ses.messages(server, "?recipient=outsider@elsewhere.example").size() == 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonNode bounce = Ses.messages(server, "?recipient=outsider@elsewhere.example").get(0);
            assertEquals("mailer-daemon@bounce.example", bounce.get("source").asText());
            assertTrue(bounce.get("text").asText().contains("No such user"));

            // mail sent through SES to a receiving domain is processed by the rules too
            ses.verifyEmailIdentity(b -> b.emailAddress("app@sender.example"));
            String id = ses.sendEmail(b -> b.source("app@sender.example").destination(d -> d.toAddresses("ops@inbound.example"))
                    .message(x -> x.subject(y -> y.data("api to inbound")).body(y -> y.text(t -> t.data("b"))))).messageId();
            assertEquals(4, Ses.eventsWhen(server, id, 4).size());
        }
    }
}
