package io.haneul.ses;

import io.haneul.core.engine.RequestContext;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;
import io.haneul.ses.store.MessageRow;
import software.amazon.awssdk.services.ses.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The v1 send operations, turned into {@link Outgoing} messages for the {@link Mailer}. */
final class V1Sending {

    private final SesRuntime rt;
    private final CustomTemplates customTemplates;

    V1Sending(SesRuntime rt) {
        this.rt = rt;
        this.customTemplates = rt.customTemplates();
    }

    CustomTemplates customTemplates() {
        return customTemplates;
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

    String sendEmail(RequestContext ctx, SendEmailRequest r) {
        SimpleMail m = V1Mapping.simple(r.source(), r.destination(), r.message(), r.replyToAddresses());
        return rt.mailer().send(new Outgoing(Scope.of(ctx), r.source(), to(r.destination()), cc(r.destination()), bcc(r.destination()), m,
                null, null, null, r.configurationSetName(), V1Mapping.tags(r.tags()), r.sourceArn(), null, r.returnPath(), Outgoing.V1_MAX,
                null, ctx.accessKeyId()));
    }

    String sendRawEmail(RequestContext ctx, SendRawEmailRequest r) {
        if (r.rawMessage() == null || r.rawMessage().data() == null) {
            throw SesException.invalid("RawMessage is required.");
        }
        return rt.mailer().send(new Outgoing(Scope.of(ctx), r.source(), r.destinations(), List.of(), List.of(), null,
                r.rawMessage().data().asByteArray(), null, null, r.configurationSetName(), V1Mapping.tags(r.tags()), r.sourceArn(),
                r.fromArn(), null, Outgoing.V1_MAX, null, ctx.accessKeyId()));
    }

    static String templateName(String name, String arn) {
        if (name != null) {
            return name;
        }
        if (arn != null && arn.contains(":template/")) {
            return arn.substring(arn.indexOf(":template/") + 10);
        }
        throw SesException.invalid("Template or TemplateArn is required.");
    }

    String sendTemplatedEmail(RequestContext ctx, SendTemplatedEmailRequest r) {
        Scope s = Scope.of(ctx);
        EmailTemplate t = rt.templates().get(s, templateName(r.template(), r.templateArn()));
        SimpleMail m = new SimpleMail(r.source(), to(r.destination()), cc(r.destination()), r.replyToAddresses(), null, null, null, null,
                null, null, List.of(), List.of());
        return rt.mailer().send(new Outgoing(s, r.source(), to(r.destination()), cc(r.destination()), bcc(r.destination()), m, null, t,
                r.templateData(), r.configurationSetName(), V1Mapping.tags(r.tags()), r.sourceArn(), null, r.returnPath(), Outgoing.V1_MAX,
                null, ctx.accessKeyId()));
    }

    List<BulkEmailDestinationStatus> sendBulk(RequestContext ctx, SendBulkTemplatedEmailRequest r) {
        Scope s = Scope.of(ctx);
        EmailTemplate t = rt.templates().get(s, templateName(r.template(), r.templateArn()));
        if (r.configurationSetName() != null) {
            rt.configSets().get(s, r.configurationSetName());
        }
        if (r.destinations().size() > Mailer.MAX_RECIPIENTS) {
            throw SesException.invalid("Number of destinations exceeds " + Mailer.MAX_RECIPIENTS + ".");
        }
        List<BulkEmailDestinationStatus> out = new ArrayList<>();
        for (BulkEmailDestination d : r.destinations()) {
            Map<String, String> tags = V1Mapping.tags(r.defaultTags());
            tags.putAll(V1Mapping.tags(d.replacementTags()));
            String data = mergeData(r.defaultTemplateData(), d.replacementTemplateData());
            Destination dest = d.destination();
            SimpleMail m = new SimpleMail(r.source(), to(dest), cc(dest), r.replyToAddresses(), null, null, null, null, null, null,
                    List.of(), List.of());
            try {
                String id = rt.mailer().send(new Outgoing(s, r.source(), to(dest), cc(dest), bcc(dest), m, null, t, data,
                        r.configurationSetName(), tags, r.sourceArn(), null, r.returnPath(), Outgoing.V1_MAX, null, ctx.accessKeyId()));
                out.add(BulkEmailDestinationStatus.builder().status(BulkEmailStatus.SUCCESS).messageId(id).build());
            } catch (SesException e) {
                out.add(BulkEmailDestinationStatus.builder().status(bulkStatus(e)).error(e.getMessage()).build());
            }
        }
        return out;
    }

    static String bulkStatus(SesException e) {
        return switch (e.v1()) {
            case "MessageRejected" -> e.getMessage().startsWith("Daily") ? "AccountDailyQuotaExceeded" : "MessageRejected";
            case "Throttling" -> "AccountThrottled";
            case "AccountSendingPausedException" -> "AccountSendingPaused";
            case "ConfigurationSetSendingPausedException" -> "ConfigurationSetSendingPaused";
            case "ConfigurationSetDoesNotExistException" -> "ConfigurationSetDoesNotExist";
            case "TemplateDoesNotExistException" -> "TemplateDoesNotExist";
            case "InvalidParameterValue" -> "InvalidParameterValue";
            default -> "Failed";
        };
    }

    /** Replacement template data over the default, key by key at the top level. */
    @SuppressWarnings("unchecked")
    static String mergeData(String defaults, String replacement) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String part : new String[]{defaults, replacement}) {
            if (part != null && !part.isBlank()) {
                try {
                    merged.putAll(Docs.JSON.readValue(part, Map.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SesException("InvalidRenderingParameterException", "BadRequestException",
                            "Invalid Rendering Parameters: " + e.getOriginalMessage());
                }
            }
        }
        return Docs.json(merged);
    }

    String sendBounce(RequestContext ctx, SendBounceRequest r) {
        Scope s = Scope.of(ctx);
        MessageRow original = rt.store().message(r.originalMessageId()).orElseThrow(() -> SesException.rejected(
                "Message " + r.originalMessageId() + " not found."));
        StringBuilder text = new StringBuilder(r.explanation() == null ? "Delivery failed." : r.explanation()).append("\n\n");
        for (BouncedRecipientInfo b : r.bouncedRecipientInfoList()) {
            text.append("Recipient: ").append(b.recipient()).append(" (").append(b.bounceTypeAsString()).append(")\n");
        }
        SimpleMail m = new SimpleMail(r.bounceSender(), List.of(original.source()), List.of(), List.of(),
                "Delivery Status Notification (Failure)", null, text.toString(), null, null, null, List.of(), List.of());
        return rt.mailer().send(new Outgoing(s, r.bounceSender(), List.of(original.source()), List.of(), List.of(), m, null, null, null,
                null, Map.of(), r.bounceSenderArn(), null, null, Outgoing.V1_MAX, null, ctx.accessKeyId()));
    }

    String sendCustomVerification(RequestContext ctx, String email, String templateName) {
        Scope s = Scope.of(ctx);
        CustomTemplates.Custom c = customTemplates.get(s, templateName);
        if (!Addresses.valid(Addresses.bare(email))) {
            throw SesException.invalid("Invalid email address <" + email + ">.");
        }
        rt.identities().verifyEmail(s, email, false, new EmailTemplate(c.name(), c.subject(), c.from(), c.content(), 0));
        return io.haneul.ses.domain.EventJson.messageId(rt.clock().instant());
    }
}
