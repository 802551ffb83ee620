package io.haneul.ses.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DomainRulesTest {

    @Test
    void smtpPasswordFollowsTheDocumentedDerivation() {
        // computed independently with AWS's documented Python snippet
        assertEquals("BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
                SmtpPassword.derive("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"));
        assertTrue(SmtpPassword.matches("BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"));
        assertFalse(SmtpPassword.matches("nope", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"));
    }

    @Test
    void addresses() {
        assertEquals("a@b.com", Addresses.bare("\"Näme\" <a@b.com>"));
        assertTrue(Addresses.valid("a@b.com"));
        assertFalse(Addresses.valid("a b@c.com"));
        assertFalse(Addresses.valid("nodomain"));
        assertEquals(List.of("a.b.example.com", "b.example.com", "example.com"), Addresses.domainAndParents("a.b.example.com"));
        assertEquals("User@example.com", Addresses.identityKey("User@EXAMPLE.com"));
    }

    @Test
    void receiptRuleRecipients() {
        ReceiptRuleSet.Rule r = new ReceiptRuleSet.Rule();
        assertTrue(r.matches("any@where.example"), "no recipients: every recipient");
        r.recipients = List.of("user@a.example", "b.example", ".c.example");
        assertTrue(r.matches("User@A.example"));
        assertFalse(r.matches("other@a.example"));
        assertTrue(r.matches("x@b.example"));
        assertFalse(r.matches("x@sub.b.example"));
        assertTrue(r.matches("x@sub.c.example"));
        assertFalse(r.matches("x@c.example"));
    }

    @Test
    void simulator() {
        assertEquals(Simulator.BOUNCE, Simulator.of("bounce@simulator.amazonses.com"));
        assertEquals(Simulator.SUCCESS, Simulator.of("success+label@simulator.amazonses.com"));
        assertEquals(Simulator.SUPPRESSION_LIST, Simulator.of("suppressionlist@simulator.amazonses.com"));
        assertEquals(Simulator.NONE, Simulator.of("bounce@example.com"));
    }

    @Test
    void templatesRenderHandlebarsWithoutEscaping() {
        TemplateRenderer r = new TemplateRenderer();
        EmailTemplate t = new EmailTemplate("t", "Hi {{user.name}}", "{{#if vip}}VIP {{else}}regular {{/if}}{{#each items}}[{{this}}]{{/each}}",
                "<p>{{html}}</p>", 0);
        TemplateRenderer.Rendered out = r.render(t, r.data("{\"user\":{\"name\":\"Ann\"},\"vip\":true,\"items\":[1,2],\"html\":\"<b>&</b>\"}"));
        assertEquals("Hi Ann", out.subject());
        assertEquals("VIP [1][2]", out.text());
        assertEquals("<p><b>&</b></p>", out.html());
        TemplateRenderer.MissingAttribute e = assertThrows(TemplateRenderer.MissingAttribute.class,
                () -> r.render(t, r.data("{\"vip\":false,\"items\":[],\"html\":\"x\"}")));
        assertEquals("user.name", e.attribute());
        assertThrows(SesException.class, () -> r.check(new EmailTemplate("bad", "{{#if}}", null, null, 0)));
    }

    @Test
    void inlinePartials() {
        TemplateRenderer r = new TemplateRenderer();
        assertEquals("Hello Bo!", r.apply("{{#*inline \"greet\"}}Hello {{name}}{{/inline}}{{> greet}}!", Map.of("name", "Bo")));
    }

    @Test
    void mimeAlternativeWithEncodedSubjectAndAttachment() {
        SimpleMail m = new SimpleMail("Jösé <sender@example.com>", List.of("to@example.com"), List.of("cc@example.com"), List.of(),
                "Grüße 👋", null, "plain ü", null, "<b>html</b>", null, List.of(new SimpleMail.Header("X-Custom", "v")),
                List.of());
        String mime = new String(MimeComposer.compose(m, "abc", new Date(0)), StandardCharsets.UTF_8);
        assertTrue(mime.contains("Message-ID: <abc@email.amazonses.com>"), mime);
        assertTrue(mime.contains("Subject: =?UTF-8?"), mime);
        assertTrue(mime.contains("multipart/alternative"), mime);
        assertTrue(mime.contains("X-Custom: v"), mime);
        MailParts parts = MailParts.parse(mime.getBytes(StandardCharsets.UTF_8));
        assertEquals("Grüße 👋", parts.subject());
        assertEquals("plain ü", parts.text());
        assertEquals("<b>html</b>", parts.html());
        assertTrue(parts.from().contains("sender@example.com"));

        SimpleMail withFile = new SimpleMail("s@example.com", List.of("to@example.com"), List.of(), List.of(), "files", null, "t", null,
                null, null, List.of(), List.of(new SimpleMail.Attachment("report.pdf", null, null, null, null, null, new byte[]{1, 2, 3})));
        String mixed = new String(MimeComposer.compose(withFile, "def", new Date(0)), StandardCharsets.UTF_8);
        assertTrue(mixed.contains("multipart/mixed"), mixed);
        assertTrue(mixed.contains("application/pdf"), mixed);
        assertEquals(List.of("report.pdf"), MailParts.parse(mixed.getBytes(StandardCharsets.UTF_8)).attachments());
    }

    @Test
    void rawMessageEditsHeadersAndKeepsTheBody() {
        String raw = "From: a@example.com\nTo: b@example.com,\n c@example.com\nX-SES-CONFIGURATION-SET: cs\nBcc: hidden@example.com\n"
                + "Subject: =?UTF-8?B?w6TDtg==?=\n\nbody line\n";
        RawMessage m = RawMessage.parse(raw.getBytes(StandardCharsets.UTF_8));
        assertEquals("cs", m.header("x-ses-configuration-set"));
        assertEquals("b@example.com, c@example.com", m.header("To"));
        assertEquals("äö", m.decoded("Subject"));
        assertTrue(m.remove("Bcc"));
        m.set("Message-ID", "<x@y>");
        String out = new String(m.toBytes(), StandardCharsets.UTF_8);
        assertFalse(out.contains("Bcc"));
        assertTrue(out.startsWith("Message-ID: <x@y>\r\nFrom: a@example.com\r\n"));
        assertTrue(out.endsWith("\r\n\r\nbody line\n"));
    }

    @Test
    void linkTrackingRewritesLinksAndAddsThePixel() {
        String html = "<html><body><a href=\"https://example.com/a?x=1\" ses:tags=\"campaign:spring\">A</a>"
                + "<a ses:no-track href=\"https://example.com/b\">B</a></body></html>";
        ClickSignature signature = new ClickSignature(new byte[32]);
        String out = LinkTracker.rewrite(html, "http://h:1", "m1", true, true, signature);
        assertTrue(out.contains("http://h:1/_haneul/ses/track/click/m1?link=https%3A%2F%2Fexample.com%2Fa%3Fx%3D1&amp;tags=campaign%3Aspring"
                + "&amp;sig=" + signature.sign("m1", "https://example.com/a?x=1", "campaign:spring")), out);
        assertTrue(out.contains("href=\"https://example.com/b\""), out);
        assertTrue(out.contains("<img src=\"http://h:1/_haneul/ses/track/open/m1?sig="), out);
        assertTrue(out.indexOf("<img") < out.indexOf("</body>"));
        assertEquals(Map.of("campaign", List.of("spring")), LinkTracker.linkTags("campaign:spring"));
    }

    @Test
    void sendRateThrottlesBeyondTheRate() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SendRate rate = new SendRate(clock);
        rate.acquire("a", 2, 1);
        rate.acquire("a", 2, 1);
        SesException e = assertThrows(SesException.class, () -> rate.acquire("a", 2, 1));
        assertEquals("Throttling", e.v1());
        assertEquals("Maximum sending rate exceeded.", e.getMessage());
        clock.now = clock.now.plusMillis(500);
        rate.acquire("a", 2, 1);
        rate.acquire("b", 2, 2);
    }

    @Test
    void dkimKeysAndSignatureVerify() throws Exception {
        DkimKeys.Pair pair = DkimKeys.generate(2048);
        assertEquals(3, DkimKeys.tokens().size());
        SimpleMail m = new SimpleMail("s@example.com", List.of("to@example.org"), List.of(), List.of(), "signed", null, "hello  world \n",
                null, "<p>hi</p>", null, List.of(), List.of());
        byte[] raw = MimeComposer.compose(m, "sig", new Date());
        byte[] signed = TestDkim.sign(raw, "example.com", "sel1", DkimKeys.privateKey(pair.privateKey()));
        Map<String, String> tags = DkimVerifier.verify(signed, pair.publicKey());
        assertEquals("example.com", tags.get("d"));
        assertEquals("sel1", tags.get("s"));
        assertTrue(new String(signed, StandardCharsets.UTF_8).contains("Message-ID: <sig@email.amazonses.com>"));
        byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("Subject: signed", "Subject: changed").getBytes(StandardCharsets.UTF_8);
        assertThrows(AssertionError.class, () -> DkimVerifier.verify(tampered, pair.publicKey()));
    }

    @Test
    void eventJsonShapes() {
        RawMessage raw = RawMessage.parse(("From: Sender <s@example.com>\r\nTo: a@example.com, \"B, b\" <b@example.com>\r\n"
                + "Subject: hi\r\n\r\nx").getBytes(StandardCharsets.UTF_8));
        Map<String, Object> mail = EventJson.mail(raw, "id1", Instant.EPOCH, "s@example.com", "arn", "123", List.of("a@example.com"),
                Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> common = (Map<String, Object>) mail.get("commonHeaders");
        assertEquals(List.of("a@example.com", "\"B, b\" <b@example.com>"), common.get("to"));
        Map<String, Object> e = EventJson.event("renderingFailure", mail, EventJson.failure("t", "boom"));
        assertEquals("Rendering Failure", e.get("eventType"));
        assertTrue(e.containsKey("failure"));
        assertEquals("DeliveryDelay", EventJson.event("deliveryDelay", mail, Map.of()).get("eventType"));
        assertTrue(EventJson.messageId(Instant.EPOCH).matches("[0-9a-f]{16}-[0-9a-f-]{36}-000000"));
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
