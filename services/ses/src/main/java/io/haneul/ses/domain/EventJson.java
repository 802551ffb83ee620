package io.haneul.ses.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON SES publishes: configuration-set events ({@code eventType} + {@code mail} + one detail
 * object) and identity notifications ({@code notificationType} + the same). Built as maps and
 * serialized by the caller.
 */
public final class EventJson {

    public static final String REPORTING_MTA = "a8-70.smtp-out.amazonses.com";

    private EventJson() {
    }

    /** The {@code mail} object of a message, from its final MIME headers. */
    public static Map<String, Object> mail(RawMessage raw, String messageId, Instant sent, String source, String sourceArn,
                                           String account, List<String> destination, Map<String, List<String>> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", sent.toString());
        m.put("source", source);
        m.put("sourceArn", sourceArn);
        m.put("sendingAccountId", account);
        m.put("messageId", messageId);
        m.put("destination", destination);
        List<Map<String, String>> headers = new ArrayList<>();
        int size = 0;
        boolean truncated = false;
        for (RawMessage.Field f : raw.fields()) {
            size += f.text().length();
            if (size > 10_240) {
                truncated = true;
                break;
            }
            Map<String, String> h = new LinkedHashMap<>();
            h.put("name", f.name());
            h.put("value", f.value());
            headers.add(h);
        }
        m.put("headersTruncated", truncated);
        m.put("headers", headers);
        Map<String, Object> common = new LinkedHashMap<>();
        putList(common, "from", raw.decoded("From"));
        putList(common, "replyTo", raw.decoded("Reply-To"));
        putList(common, "to", raw.decoded("To"));
        putList(common, "cc", raw.decoded("Cc"));
        String returnPath = raw.header("Return-Path");
        if (returnPath != null) {
            common.put("returnPath", Addresses.bare(returnPath));
        }
        if (raw.header("Date") != null) {
            common.put("date", raw.header("Date"));
        }
        common.put("messageId", messageId);
        if (raw.header("Subject") != null) {
            common.put("subject", raw.decoded("Subject"));
        }
        m.put("commonHeaders", common);
        m.put("tags", tags);
        return m;
    }

    private static void putList(Map<String, Object> m, String key, String header) {
        if (header != null && !header.isBlank()) {
            List<String> items = new ArrayList<>();
            for (String s : splitAddresses(header)) {
                items.add(s.trim());
            }
            m.put(key, items);
        }
    }

    /** Splits an address list on commas outside quotes and angle brackets. */
    public static List<String> splitAddresses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<' && !quoted) {
                angle++;
            } else if (c == '>' && !quoted) {
                angle = Math.max(0, angle - 1);
            }
            if (c == ',' && !quoted && angle == 0) {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** A configuration-set event: {"eventType": ..., "mail": ..., detailKey: detail}. */
    public static Map<String, Object> event(String v1Type, Map<String, Object> mail, Map<String, Object> detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventType", EventDestination.jsonName(v1Type));
        e.put("mail", mail);
        e.put(detailKey(v1Type), detail);
        return e;
    }

    /** An identity notification: {"notificationType": ..., detailKey: detail, "mail": ...}. */
    public static Map<String, Object> notification(String v1Type, Map<String, Object> mail, Map<String, Object> detail,
                                                   boolean includeHeaders) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("notificationType", EventDestination.jsonName(v1Type));
        e.put(detailKey(v1Type), detail);
        Map<String, Object> m = new LinkedHashMap<>(mail);
        m.remove("tags");
        if (!includeHeaders) {
            m.remove("headers");
            m.remove("headersTruncated");
            m.remove("commonHeaders");
        }
        e.put("mail", m);
        return e;
    }

    public static String detailKey(String v1Type) {
        return switch (v1Type) {
            case "renderingFailure" -> "failure";
            default -> v1Type;
        };
    }

    public static Map<String, Object> send() {
        return new LinkedHashMap<>();
    }

    public static Map<String, Object> delivery(Instant at, long processingMillis, List<String> recipients, String smtpResponse) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("timestamp", at.toString());
        d.put("processingTimeMillis", processingMillis);
        d.put("recipients", recipients);
        d.put("smtpResponse", smtpResponse);
        d.put("reportingMTA", REPORTING_MTA);
        return d;
    }

    /** A bounced recipient. */
    public record Bounced(String emailAddress, String status, String diagnosticCode) {
    }

    public static Map<String, Object> bounce(Instant at, String type, String subType, List<Bounced> recipients, String feedbackId) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("bounceType", type);
        b.put("bounceSubType", subType);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Bounced r : recipients) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("emailAddress", r.emailAddress());
            x.put("action", "failed");
            x.put("status", r.status());
            x.put("diagnosticCode", r.diagnosticCode());
            list.add(x);
        }
        b.put("bouncedRecipients", list);
        b.put("timestamp", at.toString());
        b.put("feedbackId", feedbackId);
        b.put("reportingMTA", "dsn; " + REPORTING_MTA);
        return b;
    }

    public static Map<String, Object> complaint(Instant at, List<String> recipients, String feedbackId) {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (String r : recipients) {
            list.add(Map.of("emailAddress", r));
        }
        c.put("complainedRecipients", list);
        c.put("timestamp", at.toString());
        c.put("feedbackId", feedbackId);
        c.put("userAgent", "Amazon SES Mailbox Simulator");
        c.put("complaintFeedbackType", "abuse");
        c.put("arrivalDate", at.toString());
        return c;
    }

    public static Map<String, Object> reject(String reason) {
        return new LinkedHashMap<>(Map.of("reason", reason));
    }

    public static Map<String, Object> open(Instant at, String userAgent, String ip) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ipAddress", ip);
        o.put("timestamp", at.toString());
        o.put("userAgent", userAgent);
        return o;
    }

    public static Map<String, Object> click(Instant at, String link, Map<String, List<String>> linkTags, String userAgent, String ip) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ipAddress", ip);
        o.put("link", link);
        o.put("linkTags", linkTags);
        o.put("timestamp", at.toString());
        o.put("userAgent", userAgent);
        return o;
    }

    public static Map<String, Object> failure(String templateName, String errorMessage) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("errorMessage", errorMessage);
        f.put("templateName", templateName);
        return f;
    }

    public static Map<String, Object> deliveryDelay(Instant at, Instant expires, List<Bounced> recipients, String delayType) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("timestamp", at.toString());
        d.put("delayType", delayType);
        d.put("expirationTime", expires.toString());
        d.put("reportingMTA", REPORTING_MTA);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Bounced r : recipients) {
            list.add(Map.of("emailAddress", r.emailAddress(), "status", r.status(), "diagnosticCode", r.diagnosticCode()));
        }
        d.put("delayedRecipients", list);
        return d;
    }

    /** SES message ids look like {@code 0100018c...-uuid-000000}. */
    public static String messageId(Instant at) {
        return String.format(Locale.ROOT, "%016x", at.toEpochMilli()) + "-" + java.util.UUID.randomUUID() + "-000000";
    }
}
