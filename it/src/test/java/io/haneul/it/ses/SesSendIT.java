package io.haneul.it.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.BulkEmailDestinationStatus;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Sending through v1 and v2 into the captured mailbox, and the mailbox's own endpoints. */
class SesSendIT {

    static TestServer server;
    static SesClient ses;
    static SesV2Client v2;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ses = Ses.v1(server);
        v2 = Ses.v2(server);
        ses.verifyEmailIdentity(b -> b.emailAddress("sender@example.com"));
        ses.verifyDomainIdentity(b -> b.domain("verified.example"));
    }

    @AfterAll
    static void stop() throws Exception {
        ses.close();
        v2.close();
        server.close();
    }

    private static String rcpt() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void v1SendEmailIsCapturedWithItsParts() throws Exception {
        String to = rcpt();
        String id = ses.sendEmail(b -> b.source("Sender Näme <sender@example.com>")
                .destination(d -> d.toAddresses(to).ccAddresses("cc@example.org").bccAddresses("bcc@example.org"))
                .replyToAddresses("reply@example.com")
                .message(m -> m.subject(s -> s.data("Grüße").charset("UTF-8"))
                        .body(body -> body.text(t -> t.data("plain text")).html(h -> h.data("<p>html</p>"))))).messageId();
        assertTrue(id.matches("[0-9a-f]{16}-[0-9a-f-]{36}-000000"), id);
        JsonNode m = Ses.messages(server, "?recipient=" + to).get(0);
        assertEquals(id, m.get("id").asText());
        assertEquals("sender@example.com", m.get("source").asText());
        assertEquals("Sender Näme <sender@example.com>", m.get("from").asText());
        assertEquals(to, m.get("to").get(0).asText());
        assertEquals("cc@example.org", m.get("cc").get(0).asText());
        assertEquals("bcc@example.org", m.get("bcc").get(0).asText());
        assertEquals("Grüße", m.get("subject").asText());
        assertEquals("plain text", m.get("text").asText());
        assertEquals("<p>html</p>", m.get("html").asText());
        String raw = m.get("raw").asText();
        assertTrue(raw.contains("multipart/alternative"), raw);
        assertTrue(raw.contains("Subject: =?UTF-8?"), raw);
        assertTrue(raw.contains("Message-ID: <" + id + "@email.amazonses.com>"), raw);
        assertTrue(raw.contains("Reply-To: reply@example.com"), raw);
        assertFalse(raw.contains("bcc@example.org"), "Bcc is not a header");

        String rawOnly = Ses.http(server, "GET", "/_haneul/ses/messages/" + id + "/raw").body();
        assertEquals(raw, rawOnly);
        assertEquals(1, Ses.messages(server, "?id=" + id).size());
        assertEquals(0, Ses.messages(server, "?sender=nobody@nowhere.example").size());
    }

    @Test
    void unverifiedSenderIsRejected() {
        var e = Ses.fails("MessageRejected", () -> ses.sendEmail(b -> b.source("stranger@unverified.example")
                .destination(d -> d.toAddresses(rcpt())).message(m -> m.subject(s -> s.data("x")).body(x -> x.text(t -> t.data("y"))))));
        assertEquals("Email address is not verified. The following identities failed the check in region US-EAST-1: "
                + "stranger@unverified.example", e.awsErrorDetails().errorMessage());
        var e2 = Ses.fails("MessageRejected", () -> v2.sendEmail(b -> b.fromEmailAddress("stranger@unverified.example")
                .destination(d -> d.toAddresses(rcpt())).content(c -> c.simple(m -> m.subject(s -> s.data("x"))
                        .body(x -> x.text(t -> t.data("y")))))));
        assertEquals(400, e2.statusCode());
    }

    @Test
    void addressesInAVerifiedDomainAndItsSubdomainsMaySend() throws Exception {
        String to = rcpt();
        ses.sendEmail(b -> b.source("anyone@verified.example").destination(d -> d.toAddresses(to))
                .message(m -> m.subject(s -> s.data("d")).body(x -> x.text(t -> t.data("y")))));
        ses.sendEmail(b -> b.source("anyone@mail.verified.example").destination(d -> d.toAddresses(to))
                .message(m -> m.subject(s -> s.data("d")).body(x -> x.text(t -> t.data("y")))));
        assertEquals(2, Ses.messages(server, "?recipient=" + to).size());
    }

    @Test
    void recipientLimitIsFifty() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("r" + i + "@example.org");
        }
        var e = Ses.fails("InvalidParameterValue", () -> ses.sendEmail(b -> b.source("sender@example.com")
                .destination(d -> d.toAddresses(many)).message(m -> m.subject(s -> s.data("x")).body(x -> x.text(t -> t.data("y"))))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("50"));
        Ses.fails("BadRequestException", () -> v2.sendEmail(b -> b.fromEmailAddress("sender@example.com")
                .destination(d -> d.toAddresses(many)).content(c -> c.simple(m -> m.subject(s -> s.data("x"))
                        .body(x -> x.text(t -> t.data("y")))))));
    }

    @Test
    void v1RawEmailHonoursHeadersAndStripsBcc() throws Exception {
        String to = rcpt();
        String mime = "From: sender@example.com\r\nTo: " + to + "\r\nBcc: hidden@example.org\r\nSubject: raw one\r\n"
                + "X-SES-MESSAGE-TAGS: campaign=spring\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nraw body\r\n";
        String id = ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromUtf8String(mime)))).messageId();
        JsonNode m = Ses.messages(server, "?id=" + id).get(0);
        assertEquals("raw one", m.get("subject").asText());
        assertEquals("raw body\r\n", m.get("text").asText());
        assertEquals(List.of(to), List.of(m.get("to").get(0).asText()));
        assertEquals("hidden@example.org", m.get("bcc").get(0).asText());
        assertFalse(m.get("raw").asText().contains("Bcc:"));
        assertFalse(m.get("raw").asText().contains("X-SES-MESSAGE-TAGS"));
    }

    @Test
    void localStackShape() throws Exception {
        String to = rcpt();
        String id = ses.sendEmail(b -> b.source("sender@example.com").destination(d -> d.toAddresses(to))
                .message(m -> m.subject(s -> s.data("ls")).body(x -> x.text(t -> t.data("txt")).html(h -> h.data("<b>h</b>"))))).messageId();
        String rawId = ses.sendRawEmail(b -> b.rawMessage(r -> r.data(SdkBytes.fromUtf8String(
                "From: sender@example.com\r\nTo: " + to + "\r\nSubject: r\r\n\r\nbody")))).messageId();
        JsonNode all = Ses.json(server, "/_aws/ses?id=" + id).get("messages");
        assertEquals(1, all.size());
        JsonNode m = all.get(0);
        assertEquals(id, m.get("Id").asText());
        assertEquals("us-east-1", m.get("Region").asText());
        assertEquals("sender@example.com", m.get("Source").asText());
        assertEquals(to, m.get("Destination").get("ToAddresses").get(0).asText());
        assertEquals("ls", m.get("Subject").asText());
        assertEquals("txt", m.get("Body").get("text_part").asText());
        assertEquals("<b>h</b>", m.get("Body").get("html_part").asText());
        assertTrue(m.has("Timestamp"));
        JsonNode raw = Ses.json(server, "/_aws/ses?id=" + rawId).get("messages").get(0);
        assertTrue(raw.get("RawData").asText().contains("Subject: r"));
        assertTrue(Ses.json(server, "/_aws/ses?email=sender@example.com").get("messages").size() >= 2);

        assertEquals(204, Ses.http(server, "DELETE", "/_aws/ses?id=" + id).statusCode());
        assertEquals(0, Ses.json(server, "/_aws/ses?id=" + id).get("messages").size());
        assertEquals(200, Ses.http(server, "DELETE", "/_haneul/ses/messages/" + rawId).statusCode());
        assertEquals(0, Ses.messages(server, "?id=" + rawId).size());
    }

    @Test
    void templatedAndBulkTemplatedEmail() throws Exception {
        ses.createTemplate(b -> b.template(t -> t.templateName("welcome").subjectPart("Hi {{name}}")
                .textPart("Dear {{name}}, {{#each items}}[{{this}}]{{/each}}").htmlPart("<p>{{{name}}} & {{name}}</p>")));
        String to = rcpt();
        String id = ses.sendTemplatedEmail(b -> b.source("sender@example.com").destination(d -> d.toAddresses(to)).template("welcome")
                .templateData("{\"name\":\"<Ann>\",\"items\":[1,2]}")).messageId();
        JsonNode m = Ses.messages(server, "?id=" + id).get(0);
        assertEquals("Hi <Ann>", m.get("subject").asText());
        assertEquals("Dear <Ann>, [1][2]", m.get("text").asText());
        assertEquals("<p><Ann> & <Ann></p>", m.get("html").asText());

        String a = rcpt();
        String bad = "not-an-address";
        List<BulkEmailDestinationStatus> st = ses.sendBulkTemplatedEmail(b -> b.source("sender@example.com").template("welcome")
                .defaultTemplateData("{\"name\":\"Default\",\"items\":[]}")
                .destinations(d -> d.destination(x -> x.toAddresses(a)).replacementTemplateData("{\"name\":\"Bo\"}"),
                        d -> d.destination(x -> x.toAddresses(bad)))).status();
        assertEquals("Success", st.get(0).statusAsString());
        assertEquals("InvalidParameterValue", st.get(1).statusAsString());
        assertEquals("Hi Bo", Ses.messages(server, "?id=" + st.get(0).messageId()).get(0).get("subject").asText());
        Ses.fails("TemplateDoesNotExist", () -> ses.sendTemplatedEmail(b -> b.source("sender@example.com")
                .destination(d -> d.toAddresses(to)).template("nope").templateData("{}")));
    }

    @Test
    void v2SimpleWithAttachmentsHeadersAndRaw() throws Exception {
        String to = rcpt();
        String id = v2.sendEmail(b -> b.fromEmailAddress("sender@example.com").destination(d -> d.toAddresses(to))
                .emailTags(t -> t.name("k").value("v"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("Files ✓")).body(x -> x.text(t -> t.data("see attached")))
                        .headers(h -> h.name("X-Custom").value("yes"))
                        .attachments(at -> at.fileName("report.pdf").rawContent(SdkBytes.fromByteArray(new byte[]{1, 2, 3, 4}))
                                .contentDisposition(AttachmentContentDisposition.ATTACHMENT))))).messageId();
        JsonNode m = Ses.messages(server, "?id=" + id).get(0);
        assertEquals("Files ✓", m.get("subject").asText());
        assertEquals("report.pdf", m.get("attachments").get(0).asText());
        assertTrue(m.get("raw").asText().contains("X-Custom: yes"));
        assertTrue(m.get("raw").asText().contains("multipart/mixed"));

        String rawId = v2.sendEmail(b -> b.destination(d -> d.toAddresses(to)).content(c -> c.raw(r -> r.data(SdkBytes.fromString(
                "From: sender@example.com\r\nTo: " + to + "\r\nSubject: v2 raw\r\n\r\nhello", StandardCharsets.UTF_8))))).messageId();
        assertEquals("v2 raw", Ses.messages(server, "?id=" + rawId).get(0).get("subject").asText());

        v2.createEmailTemplate(b -> b.templateName("v2tpl").templateContent(t -> t.subject("S {{a.b}}").text("T {{a.b}}")));
        String tid = v2.sendEmail(b -> b.fromEmailAddress("sender@example.com").destination(d -> d.toAddresses(to))
                .content(c -> c.template(t -> t.templateName("v2tpl").templateData("{\"a\":{\"b\":\"nested\"}}")))).messageId();
        assertEquals("S nested", Ses.messages(server, "?id=" + tid).get(0).get("subject").asText());
        String inline = v2.sendEmail(b -> b.fromEmailAddress("sender@example.com").destination(d -> d.toAddresses(to))
                .content(c -> c.template(t -> t.templateContent(x -> x.subject("Inline {{x}}").text("t")).templateData("{\"x\":1}"))))
                .messageId();
        assertEquals("Inline 1", Ses.messages(server, "?id=" + inline).get(0).get("subject").asText());

        List<BulkEmailEntryResult> results = v2.sendBulkEmail(b -> b.fromEmailAddress("sender@example.com")
                .defaultContent(c -> c.template(t -> t.templateName("v2tpl").templateData("{\"a\":{\"b\":\"d\"}}")))
                .bulkEmailEntries(e -> e.destination(d -> d.toAddresses(rcpt()))
                        .replacementEmailContent(r -> r.replacementTemplate(t -> t.replacementTemplateData("{\"a\":{\"b\":\"r\"}}"))))
        ).bulkEmailEntryResults();
        assertEquals("SUCCESS", results.get(0).statusAsString());
        assertEquals("S r", Ses.messages(server, "?id=" + results.get(0).messageId()).get(0).get("subject").asText());
    }

    @Test
    void testRenderTemplateAndMissingAttributes() {
        ses.createTemplate(b -> b.template(t -> t.templateName("render").subjectPart("Hello {{name}}").textPart("x {{name}}")));
        String rendered = ses.testRenderTemplate(b -> b.templateName("render").templateData("{\"name\":\"Zed\"}")).renderedTemplate();
        assertTrue(rendered.contains("Subject: Hello Zed"), rendered);
        assertTrue(rendered.contains("x Zed"), rendered);
        Ses.fails("MissingRenderingAttribute", () -> ses.testRenderTemplate(b -> b.templateName("render").templateData("{}")));
        Ses.fails("InvalidTemplate", () -> ses.createTemplate(b -> b.template(t -> t.templateName("broken").subjectPart("{{#if}}"))));
        Ses.fails("AlreadyExists", () -> ses.createTemplate(b -> b.template(t -> t.templateName("render").subjectPart("x"))));
        assertTrue(ses.listTemplates(b -> { }).templatesMetadata().stream().anyMatch(t -> t.name().equals("render")));
        assertEquals("Hello {{name}}", ses.getTemplate(b -> b.templateName("render")).template().subjectPart());
        String v2Rendered = v2.testRenderEmailTemplate(b -> b.templateName("render").templateData("{\"name\":\"Y\"}")).renderedTemplate();
        assertTrue(v2Rendered.contains("Hello Y"));
        Ses.fails("BadRequestException", () -> v2.testRenderEmailTemplate(b -> b.templateName("render").templateData("{}")));
        Ses.fails("NotFoundException", () -> v2.getEmailTemplate(b -> b.templateName("absent")));
    }

    @Test
    void messageTagsAreValidated() {
        Ses.fails("InvalidParameterValue", () -> ses.sendEmail(b -> b.source("sender@example.com").destination(d -> d.toAddresses(rcpt()))
                .tags(MessageTag.builder().name("bad name!").value("v").build())
                .message(m -> m.subject(s -> s.data("x")).body(x -> x.text(t -> t.data("y"))))));
    }
}
