package io.haneul.it.ses;

import io.haneul.ses.domain.DkimVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.CreateEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Email and domain identities, verification modes, DKIM tokens and DKIM-signed mail. */
class SesIdentitiesIT {

    @Test
    void identitiesAreVerifiedAtOnceByDefault() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server); SesV2Client v2 = Ses.v2(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("a@example.com"));
            String token = ses.verifyDomainIdentity(b -> b.domain("Example.ORG")).verificationToken();
            assertFalse(token.isEmpty());
            var attrs = ses.getIdentityVerificationAttributes(b -> b.identities("a@example.com", "example.org", "unknown@x.com"))
                    .verificationAttributes();
            assertEquals("Success", attrs.get("a@example.com").verificationStatusAsString());
            assertEquals("Success", attrs.get("example.org").verificationStatusAsString());
            assertEquals(token, attrs.get("example.org").verificationToken());
            assertFalse(attrs.containsKey("unknown@x.com"));
            assertEquals(List.of("a@example.com"), ses.listIdentities(b -> b.identityType(IdentityType.EMAIL_ADDRESS)).identities());
            assertEquals(List.of("example.org"), ses.listIdentities(b -> b.identityType(IdentityType.DOMAIN)).identities());
            assertEquals(List.of("a@example.com"), ses.listVerifiedEmailAddresses().verifiedEmailAddresses());
            var page = ses.listIdentities(b -> b.maxItems(1));
            assertEquals(1, page.identities().size());
            assertNotNull(page.nextToken());
            assertEquals(1, ses.listIdentities(b -> b.maxItems(1).nextToken(page.nextToken())).identities().size());

            ses.deleteIdentity(b -> b.identity("a@example.com"));
            assertEquals(List.of("example.org"), ses.listIdentities(b -> { }).identities());

            CreateEmailIdentityResponse created = v2.createEmailIdentity(b -> b.emailIdentity("v2.example"));
            assertEquals("DOMAIN", created.identityTypeAsString());
            assertTrue(created.verifiedForSendingStatus());
            assertEquals(3, created.dkimAttributes().tokens().size());
            assertEquals("SUCCESS", created.dkimAttributes().statusAsString());
            Ses.fails("AlreadyExistsException", () -> v2.createEmailIdentity(b -> b.emailIdentity("v2.example")));
            GetEmailIdentityResponse got = v2.getEmailIdentity(b -> b.emailIdentity("v2.example"));
            assertTrue(got.dkimAttributes().signingEnabled());
            assertEquals("SUCCESS", got.verificationStatusAsString());
            Ses.fails("NotFoundException", () -> v2.getEmailIdentity(b -> b.emailIdentity("missing.example")));
            assertTrue(v2.listEmailIdentities(b -> { }).emailIdentities().stream().anyMatch(i -> i.identityName().equals("v2.example")));
            v2.deleteEmailIdentity(b -> b.emailIdentity("v2.example"));
            Ses.fails("NotFoundException", () -> v2.deleteEmailIdentity(b -> b.emailIdentity("v2.example")));
        }
    }

    @Test
    void dkimTokensAndSignedMail() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            ses.verifyDomainIdentity(b -> b.domain("signed.example"));
            List<String> tokens = ses.verifyDomainDkim(b -> b.domain("signed.example")).dkimTokens();
            assertEquals(3, tokens.size());
            assertEquals(tokens, ses.verifyDomainDkim(b -> b.domain("signed.example")).dkimTokens(), "tokens are stable");
            var dkim = ses.getIdentityDkimAttributes(b -> b.identities("signed.example")).dkimAttributes().get("signed.example");
            assertTrue(dkim.dkimEnabled());
            assertEquals("Success", dkim.dkimVerificationStatusAsString());
            assertEquals(tokens, dkim.dkimTokens());

            JsonNode key = Ses.json(server, "/_haneul/ses/identities/signed.example/dkim?account=111111111111");
            String publicKey = key.get("publicKey").asText();
            assertTrue(key.get("dnsRecords").toString().contains(tokens.getFirst() + "._domainkey.signed.example"));

            String id = ses.sendEmail(b -> b.source("news@signed.example").destination(d -> d.toAddresses("r@example.net"))
                    .message(m -> m.subject(s -> s.data("Signed ✓")).body(x -> x.text(t -> t.data("body\nwith lines  ")).html(h -> h.data("<p>x</p>")))))
                    .messageId();
            byte[] raw = Ses.http(server, "GET", "/_haneul/ses/messages/" + id + "/raw").body().getBytes(StandardCharsets.UTF_8);
            Map<String, String> tags = DkimVerifier.verify(raw, publicKey);
            assertEquals("signed.example", tags.get("d"));
            assertEquals(tokens.getFirst(), tags.get("s"));

            ses.setIdentityDkimEnabled(b -> b.identity("signed.example").dkimEnabled(false));
            String unsigned = ses.sendEmail(b -> b.source("news@signed.example").destination(d -> d.toAddresses("r@example.net"))
                    .message(m -> m.subject(s -> s.data("plain")).body(x -> x.text(t -> t.data("b"))))).messageId();
            assertFalse(Ses.http(server, "GET", "/_haneul/ses/messages/" + unsigned + "/raw").body().contains("DKIM-Signature"));
        }
    }

    @Test
    void manualVerificationByLinkAndByConfirmation() throws Exception {
        try (TestServer server = TestServer.start("--ses-verification", "manual"); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("pending@example.com"));
            assertEquals("Pending", ses.getIdentityVerificationAttributes(b -> b.identities("pending@example.com"))
                    .verificationAttributes().get("pending@example.com").verificationStatusAsString());
            Ses.fails("MessageRejected", () -> ses.sendEmail(b -> b.source("pending@example.com").destination(d -> d.toAddresses("x@y.com"))
                    .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b"))))));

            JsonNode mail = Ses.messages(server, "?recipient=pending@example.com").get(0);
            assertEquals("no-reply-aws@amazon.com", mail.get("source").asText());
            String text = mail.get("text").asText();
            String link = text.substring(text.indexOf("http"), text.indexOf('\n', text.indexOf("http"))).trim();
            assertEquals(200, Ses.get(link).statusCode());
            assertEquals(404, Ses.get(link).statusCode(), "a link works once");
            assertEquals("Success", ses.getIdentityVerificationAttributes(b -> b.identities("pending@example.com"))
                    .verificationAttributes().get("pending@example.com").verificationStatusAsString());
            ses.sendEmail(b -> b.source("pending@example.com").destination(d -> d.toAddresses("x@y.com"))
                    .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b")))));

            ses.verifyDomainIdentity(b -> b.domain("manual.example"));
            ses.verifyDomainDkim(b -> b.domain("manual.example"));
            var before = ses.getIdentityDkimAttributes(b -> b.identities("manual.example")).dkimAttributes().get("manual.example");
            assertEquals("Pending", before.dkimVerificationStatusAsString());
            assertEquals(200, Ses.http(server, "POST", "/_haneul/ses/identities/manual.example/verify?account=111111111111").statusCode());
            assertEquals("Success", ses.getIdentityVerificationAttributes(b -> b.identities("manual.example"))
                    .verificationAttributes().get("manual.example").verificationStatusAsString());
            assertEquals("Success", ses.getIdentityDkimAttributes(b -> b.identities("manual.example")).dkimAttributes()
                    .get("manual.example").dkimVerificationStatusAsString());
        }
    }

    @Test
    void sandboxRequiresVerifiedRecipients() throws Exception {
        try (TestServer server = TestServer.start("--ses-sandbox", "true"); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("s@example.com"));
            var e = Ses.fails("MessageRejected", () -> ses.sendEmail(b -> b.source("s@example.com").destination(d -> d.toAddresses("other@example.net"))
                    .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b"))))));
            assertTrue(e.awsErrorDetails().errorMessage().endsWith("in region US-EAST-1: other@example.net"), e.getMessage());
            ses.sendEmail(b -> b.source("s@example.com").destination(d -> d.toAddresses("success@simulator.amazonses.com", "s@example.com"))
                    .message(m -> m.subject(s -> s.data("s")).body(x -> x.text(t -> t.data("b")))));
            assertEquals(1.0, ses.getSendQuota().maxSendRate());
            assertEquals(200.0, ses.getSendQuota().max24HourSend());
        }
    }

    @Test
    void notificationAttributesMailFromAndPolicies() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            ses.verifyDomainIdentity(b -> b.domain("attrs.example"));
            ses.setIdentityNotificationTopic(b -> b.identity("attrs.example").notificationType("Bounce").snsTopic("arn:aws:sns:us-east-1:111111111111:b"));
            ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity("attrs.example").notificationType("Bounce").enabled(true));
            var n = ses.getIdentityNotificationAttributes(b -> b.identities("attrs.example")).notificationAttributes().get("attrs.example");
            assertEquals("arn:aws:sns:us-east-1:111111111111:b", n.bounceTopic());
            assertTrue(n.headersInBounceNotificationsEnabled());
            assertTrue(n.forwardingEnabled());
            Ses.fails("InvalidParameterValue", () -> ses.setIdentityFeedbackForwardingEnabled(b -> b.identity("attrs.example").forwardingEnabled(false)));

            ses.setIdentityMailFromDomain(b -> b.identity("attrs.example").mailFromDomain("bounce.attrs.example"));
            assertEquals("bounce.attrs.example", ses.getIdentityMailFromDomainAttributes(b -> b.identities("attrs.example"))
                    .mailFromDomainAttributes().get("attrs.example").mailFromDomain());
            Ses.fails("InvalidParameterValue", () -> ses.setIdentityMailFromDomain(b -> b.identity("attrs.example").mailFromDomain("other.example")));

            ses.putIdentityPolicy(b -> b.identity("attrs.example").policyName("p1").policy("{\"Version\":\"2012-10-17\"}"));
            assertEquals(List.of("p1"), ses.listIdentityPolicies(b -> b.identity("attrs.example")).policyNames());
            assertEquals("{\"Version\":\"2012-10-17\"}", ses.getIdentityPolicies(b -> b.identity("attrs.example").policyNames("p1")).policies().get("p1"));
            Ses.fails("InvalidPolicy", () -> ses.putIdentityPolicy(b -> b.identity("attrs.example").policyName("p2").policy("not json")));
            ses.deleteIdentityPolicy(b -> b.identity("attrs.example").policyName("p1"));
            assertTrue(ses.listIdentityPolicies(b -> b.identity("attrs.example")).policyNames().isEmpty());
        }
    }
}
