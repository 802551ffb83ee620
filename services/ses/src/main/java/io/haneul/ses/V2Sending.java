package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;
import software.amazon.awssdk.services.sesv2.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The v2 send operations (Simple, Raw and Template content; bulk), turned into {@link Outgoing} messages. */
final class V2Sending {

    private final SesRuntime rt;

    V2Sending(SesRuntime rt) {
        this.rt = rt;
    }

    private static List<String> to(Destination d) {
        return d == null ? List.of() : d.toAddresses();
    }

    private static List<String> cc(Destination d) {
        return d == null ? List.of() : d.ccAddresses();
    }

    private static List<String> bcc(Destination d) {
        return d == null ? List.of() : d.bccAddresses();
    }

    static Map<String, String> tags(List<MessageTag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.name(), t.value()));
        }
        return out;
    }

    static List<SimpleMail.Header> headers(List<MessageHeader> headers) {
        List<SimpleMail.Header> out = new ArrayList<>();
        if (headers != null) {
            for (MessageHeader h : headers) {
                out.add(new SimpleMail.Header(h.name(), h.value()));
            }
        }
        return out;
    }

    static List<SimpleMail.Attachment> attachments(List<Attachment> list) {
        List<SimpleMail.Attachment> out = new ArrayList<>();
        if (list != null) {
            for (Attachment a : list) {
                out.add(new SimpleMail.Attachment(a.fileName(), a.contentType(), a.contentDispositionAsString(), a.contentId(),
                        a.contentDescription(), a.contentTransferEncodingAsString(), a.rawContent() == null ? new byte[0]
                        : a.rawContent().asByteArray()));
            }
        }
        return out;
    }

    private List<SimpleMail.Header> listHeaders(Scope s, ListManagementOptions lm, String recipient) {
        if (lm == null) {
            return List.of();
        }
        rt.contacts().requireList(s, lm.contactListName());
        String url = s.baseUrl() + "/_haneul/ses/unsubscribe?list=" + lm.contactListName() + "&email=" + recipient;
        return List.of(new SimpleMail.Header("List-Unsubscribe", "<" + url + ">"),
                new SimpleMail.Header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    String sendEmail(RequestContext ctx, SendEmailRequest r) {
        Scope s = Scope.of(ctx);
        EmailContent c = r.content();
        if (c == null || (c.simple() == null && c.raw() == null && c.template() == null)) {
            throw SesException.invalid("Content must contain exactly one of Simple, Raw or Template.");
        }
        Destination d = r.destination();
        String from = r.fromEmailAddress();
        Map<String, String> tags = tags(r.emailTags());
        String firstRecipient = d == null || d.toAddresses().isEmpty() ? "" : d.toAddresses().getFirst();
        if (c.raw() != null) {
            return rt.mailer().send(new Outgoing(s, from, to(d), cc(d), bcc(d), null, c.raw().data().asByteArray(), null, null,
                    r.configurationSetName(), tags, r.fromEmailAddressIdentityArn(), null, null, Outgoing.V2_MAX, null, ctx.accessKeyId()));
        }
        if (from == null) {
            throw SesException.invalid("FromEmailAddress is required.");
        }
        if (c.simple() != null) {
            Message m = c.simple();
            if (m.subject() == null) {
                throw SesException.invalid("Subject is required.");
            }
            List<SimpleMail.Header> hs = new ArrayList<>(headers(m.headers()));
            hs.addAll(listHeaders(s, r.listManagementOptions(), firstRecipient));
            Body b = m.body();
            SimpleMail mail = new SimpleMail(from, to(d), cc(d), r.replyToAddresses(), m.subject().data(), m.subject().charset(),
                    b == null || b.text() == null ? null : b.text().data(), b == null || b.text() == null ? null : b.text().charset(),
                    b == null || b.html() == null ? null : b.html().data(), b == null || b.html() == null ? null : b.html().charset(),
                    hs, attachments(m.attachments()));
            return rt.mailer().send(new Outgoing(s, from, to(d), cc(d), bcc(d), mail, null, null, null, r.configurationSetName(), tags,
                    r.fromEmailAddressIdentityArn(), null, null, Outgoing.V2_MAX, null, ctx.accessKeyId()));
        }
        Template t = c.template();
        EmailTemplate template = template(s, t);
        List<SimpleMail.Header> hs = new ArrayList<>(headers(t.headers()));
        hs.addAll(listHeaders(s, r.listManagementOptions(), firstRecipient));
        SimpleMail mail = new SimpleMail(from, to(d), cc(d), r.replyToAddresses(), null, null, null, null, null, null, hs,
                attachments(t.attachments()));
        return rt.mailer().send(new Outgoing(s, from, to(d), cc(d), bcc(d), mail, null, template, t.templateData(), r.configurationSetName(),
                tags, r.fromEmailAddressIdentityArn(), null, null, Outgoing.V2_MAX, null, ctx.accessKeyId()));
    }

    private EmailTemplate template(Scope s, Template t) {
        if (t.templateContent() != null && (t.templateName() != null || t.templateArn() != null)) {
            throw SesException.invalid("Template must specify either TemplateName, TemplateArn or TemplateContent, not several.");
        }
        if (t.templateContent() != null) {
            EmailTemplateContent c = t.templateContent();
            return new EmailTemplate("inline", c.subject(), c.text(), c.html(), 0);
        }
        return rt.templates().get(s, V1Sending.templateName(t.templateName(), t.templateArn()));
    }

    List<BulkEmailEntryResult> sendBulk(RequestContext ctx, SendBulkEmailRequest r) {
        Scope s = Scope.of(ctx);
        if (r.defaultContent() == null || r.defaultContent().template() == null) {
            throw SesException.invalid("DefaultContent must contain a Template.");
        }
        if (r.fromEmailAddress() == null) {
            throw SesException.invalid("FromEmailAddress is required.");
        }
        Template t = r.defaultContent().template();
        EmailTemplate template = template(s, t);
        if (r.configurationSetName() != null) {
            rt.configSets().get(s, r.configurationSetName());
        }
        if (r.bulkEmailEntries().size() > Mailer.MAX_RECIPIENTS) {
            throw SesException.invalid("Number of entries exceeds " + Mailer.MAX_RECIPIENTS + ".");
        }
        List<BulkEmailEntryResult> out = new ArrayList<>();
        for (BulkEmailEntry e : r.bulkEmailEntries()) {
            Map<String, String> tags = tags(r.defaultEmailTags());
            tags.putAll(tags(e.replacementTags()));
            String replacement = e.replacementEmailContent() == null || e.replacementEmailContent().replacementTemplate() == null ? null
                    : e.replacementEmailContent().replacementTemplate().replacementTemplateData();
            Destination d = e.destination();
            List<SimpleMail.Header> hs = new ArrayList<>(headers(t.headers()));
            hs.addAll(headers(e.replacementHeaders()));
            SimpleMail mail = new SimpleMail(r.fromEmailAddress(), to(d), cc(d), r.replyToAddresses(), null, null, null, null, null, null,
                    hs, attachments(t.attachments()));
            try {
                String id = rt.mailer().send(new Outgoing(s, r.fromEmailAddress(), to(d), cc(d), bcc(d), mail, null, template,
                        V1Sending.mergeData(t.templateData(), replacement), r.configurationSetName(), tags, r.fromEmailAddressIdentityArn(),
                        null, null, Outgoing.V2_MAX, null, ctx.accessKeyId()));
                out.add(BulkEmailEntryResult.builder().status(BulkEmailStatus.SUCCESS).messageId(id).build());
            } catch (SesException ex) {
                out.add(BulkEmailEntryResult.builder().status(V1Sending.bulkStatus(ex).replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT)).error(ex.getMessage()).build());
            }
        }
        return out;
    }
}
