package io.haneul.ses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.DkimKeys;
import io.haneul.ses.domain.EventJson;
import io.haneul.ses.domain.Identity;
import io.haneul.ses.domain.LinkTracker;
import io.haneul.ses.domain.MailParts;
import io.haneul.ses.domain.RawMessage;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SmtpPassword;
import io.haneul.ses.store.MessagePage;
import io.haneul.ses.store.MessageRow;
import io.haneul.ses.store.SesStore;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES's internal HTTP routes: the captured mailbox ({@code /_haneul/ses/messages}, and
 * {@code /_aws/ses} in LocalStack's shape), the event outbox, verification links and domain
 * confirmation for manual verification, DKIM keys, SMTP password derivation, and the open/click
 * tracking endpoints that tracked mail points at.
 *
 * <p>Who sees what: the verification link (its token is the secret) and the tracking links (handed to
 * mail readers; a click redirects only when its {@link io.haneul.ses.domain.ClickSignature} verifies)
 * are open. Every other route shows and changes only the accounts the call's viewer sees: in strict
 * mode the caller's own account, unless its key is an admin's; {@code ?account=} naming another
 * account is refused, and another account's message id answers 404 as if it did not exist.
 */
final class SesRoutes {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private SesRoutes() {
    }

    static Map<String, ServiceModule.InternalRoute> routes() {
        Map<String, ServiceModule.InternalRoute> r = new LinkedHashMap<>();
        r.put("GET /_haneul/ses/messages", (p, call) -> messages(rt(p), call));
        r.put("DELETE /_haneul/ses/messages", (p, call) -> deleteMessages(rt(p), call));
        r.put("GET /_aws/ses", (p, call) -> localstack(rt(p), call));
        r.put("DELETE /_aws/ses", (p, call) -> deleteMessages(rt(p), call));
        r.put("GET /_haneul/ses/events", (p, call) -> events(rt(p), call));
        r.put("DELETE /_haneul/ses/events", (p, call) -> json(200, Map.of("deleted", rt(p).store().clearEvents(call.accountFilter()))));
        r.put("GET /_haneul/ses/verify", ServiceModule.InternalRoute.open((p, call) -> verifyLink(rt(p), call.request())));
        // confirming an identity stands for the DNS or mailbox proof: the operator's act in strict mode
        r.put("POST /_haneul/ses/identities", ServiceModule.InternalRoute.adminOnly((p, call) -> confirmIdentity(rt(p), call)));
        r.put("GET /_haneul/ses/identities", (p, call) -> dkim(rt(p), call));
        r.put("GET /_haneul/ses/smtp-password", (p, call) -> smtpPassword(rt(p), call.request()));
        r.put("GET /_haneul/ses/track", ServiceModule.InternalRoute.open((p, call) -> track(rt(p), call.request())));
        return r;
    }

    private static SesRuntime rt(Object provider) {
        return ((SesRuntimeHolder) provider).runtime();
    }

    private static String param(WireRequest r, String name) {
        List<String> v = r.queryParameters().get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static String sub(WireRequest r, String prefix) {
        String path = r.rawPath();
        return path.length() <= prefix.length() ? "" : URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private static WireResponse json(int status, Object body) {
        try {
            return WireResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SesStore.MessageFilter filter(InternalCall call) {
        WireRequest r = call.request();
        String limit = param(r, "limit");
        String since = param(r, "since");
        String recipient = param(r, "recipient") != null ? param(r, "recipient") : param(r, "to");
        String sender = param(r, "sender") != null ? param(r, "sender") : param(r, "source") != null ? param(r, "source") : param(r, "from");
        return new SesStore.MessageFilter(param(r, "id"), sender, recipient, call.accountFilter(), param(r, "region"),
                since == null ? null : Instant.parse(since).toEpochMilli(), limit == null ? MessagePage.DEFAULT_LIMIT : Integer.parseInt(limit));
    }

    private static WireResponse messages(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String rest = sub(r, "/_haneul/ses/messages");
        if (!rest.isEmpty() && !rest.equals("/")) {
            String[] parts = rest.substring(1).split("/");
            MessageRow row = rt.store().message(parts[0]).filter(m -> call.viewer().sees(m.account())).orElse(null);
            if (row == null) {
                return json(404, Map.of("error", "no message " + parts[0]));
            }
            if (parts.length > 1 && parts[1].equals("raw")) {
                return WireResponse.of(200, "message/rfc822", row.raw());
            }
            return json(200, haneul(row, true));
        }
        boolean withRaw = !"false".equals(param(r, "raw"));
        // an unreadable limit, since or nextToken is answered 400 by the internal endpoints, for every route
        MessagePage page = rt.store().messagePage(filter(call), param(r, "nextToken"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (MessageRow row : page.messages()) {
            out.add(haneul(row, withRaw));
        }
        return json(200, paged(out, page));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> haneul(MessageRow row, boolean withRaw) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, List<String>> dest = Docs.parse(row.destination(), Map.class);
        MailParts parts = row.isRaw() || row.subject() == null ? MailParts.parse(row.raw()) : null;
        RawMessage headers = RawMessage.parse(row.raw());
        m.put("id", row.id());
        m.put("account", row.account());
        m.put("region", row.region());
        m.put("source", row.source());
        m.put("from", headers.decoded("From"));
        m.put("destination", dest);
        m.put("to", dest.getOrDefault("ToAddresses", List.of()));
        m.put("cc", dest.getOrDefault("CcAddresses", List.of()));
        m.put("bcc", dest.getOrDefault("BccAddresses", List.of()));
        m.put("subject", parts != null ? parts.subject() : row.subject());
        m.put("text", parts != null ? parts.text() : row.text());
        m.put("html", parts != null ? parts.html() : row.html());
        if (parts != null && !parts.attachments().isEmpty()) {
            m.put("attachments", parts.attachments());
        } else if (!row.isRaw() && headers.header("Content-Type") != null && headers.header("Content-Type").contains("multipart/mixed")) {
            m.put("attachments", MailParts.parse(row.raw()).attachments());
        }
        m.put("configurationSet", row.configSet());
        m.put("status", row.status());
        m.put("messageId", headers.header("Message-ID"));
        m.put("timestamp", row.createdInstant().toString());
        if (withRaw) {
            m.put("raw", new String(row.raw(), StandardCharsets.UTF_8));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static WireResponse localstack(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String email = param(r, "email");
        String limit = param(r, "limit");
        SesStore.MessageFilter f = new SesStore.MessageFilter(param(r, "id"), email, null, call.accountFilter(), null, null,
                limit == null ? MessagePage.DEFAULT_LIMIT : Integer.parseInt(limit));
        MessagePage page = rt.store().messagePage(f, param(r, "nextToken"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (MessageRow row : page.messages()) {
            if (email != null && !email.equalsIgnoreCase(row.source())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Id", row.id());
            m.put("Region", row.region());
            m.put("Source", row.source());
            Map<String, List<String>> dest = Docs.parse(row.destination(), Map.class);
            Map<String, List<String>> d = new LinkedHashMap<>();
            dest.forEach((k, v) -> {
                if (!v.isEmpty() || k.equals("ToAddresses")) {
                    d.put(k, v);
                }
            });
            m.put("Destination", d);
            if (row.isRaw()) {
                m.put("RawData", new String(row.raw(), StandardCharsets.UTF_8));
            } else {
                m.put("Subject", row.subject());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("text_part", row.text());
                body.put("html_part", row.html());
                m.put("Body", body);
            }
            m.put("Timestamp", row.createdInstant().toString());
            out.add(m);
        }
        return json(200, paged(out, page));
    }

    /** {@code {"messages": [...], "nextToken": "..."}}, the token only when another page follows. */
    private static Map<String, Object> paged(List<Map<String, Object>> messages, MessagePage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", messages);
        if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
        }
        return body;
    }

    /** Deletes captured mail of the visible accounts only (the per-account send counts are computed from it). */
    private static WireResponse deleteMessages(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String rest = sub(r, "/_haneul/ses/messages");
        String id = r.rawPath().startsWith("/_haneul/ses/messages/") ? rest.substring(1) : param(r, "id");
        int n = rt.store().deleteMessages(new SesStore.MessageFilter(id, null, null, call.accountFilter(), param(r, "region"), null, 0));
        return r.rawPath().startsWith("/_aws/") ? WireResponse.of(204, null, new byte[0]) : json(200, Map.of("deleted", n));
    }

    private static WireResponse events(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String limit = param(r, "limit");
        List<Map<String, Object>> out = new ArrayList<>();
        for (SesStore.EventRow e : rt.store().events(call.accountFilter(), param(r, "messageId"), param(r, "type"),
                limit == null ? 10_000 : Math.clamp(Integer.parseInt(limit), 1, 10_000))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", e.messageId());
            m.put("account", e.account());
            m.put("region", e.region());
            m.put("type", e.eventType());
            m.put("target", e.target());
            m.put("outcome", e.outcome());
            m.put("timestamp", Instant.ofEpochMilli(e.createdMs()).toString());
            m.put("event", Docs.parse(e.body(), Object.class));
            out.add(m);
        }
        return json(200, Map.of("events", out));
    }

    private static WireResponse verifyLink(SesRuntime rt, WireRequest r) {
        String token = param(r, "token");
        return token == null ? html(400, "Missing token.") : rt.identities().confirmLink(token)
                .map(i -> html(200, "Congratulations! You have successfully verified " + i + "."))
                .orElseGet(() -> html(404, "This verification link is invalid or was already used."));
    }

    private static WireResponse html(int status, String text) {
        return WireResponse.of(status, "text/html; charset=utf-8",
                ("<!DOCTYPE html><html><body><p>" + text.replace("<", "&lt;") + "</p></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The account and region a route acts in: {@code ?account=} when the caller may see it, else the
     * caller's own account (in permissive mode that of its access key, 000000000000 when unsigned).
     */
    private static Scope scope(SesRuntime rt, InternalCall call) {
        String region = call.param("region");
        return new Scope(call.targetAccount(), region == null ? rt.settings().defaultRegion() : region, "");
    }

    /** POST /_haneul/ses/identities/{identity}/verify[?status=Success|Failed|TemporaryFailure]. */
    private static WireResponse confirmIdentity(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String rest = sub(r, "/_haneul/ses/identities/");
        if (!rest.endsWith("/verify")) {
            return json(404, Map.of("error", "use POST /_haneul/ses/identities/{identity}/verify"));
        }
        String name = rest.substring(0, rest.length() - "/verify".length());
        String status = param(r, "status") == null ? "Success" : param(r, "status");
        if (!java.util.Set.of("Success", "Failed", "TemporaryFailure", "Pending", "NotStarted").contains(status)) {
            return json(400, Map.of("error", "status must be Success, Failed, TemporaryFailure, Pending or NotStarted"));
        }
        try {
            Identity i = rt.identities().setDomainStatus(scope(rt, call), name, status);
            return json(200, Map.of("identity", i.name, "verificationStatus", i.status, "dkimStatus", i.dkimStatus));
        } catch (SesException e) {
            return json(404, Map.of("error", e.getMessage()));
        }
    }

    /** GET /_haneul/ses/identities/{domain}/dkim: the DKIM key and the DNS records SES would have users publish. */
    private static WireResponse dkim(SesRuntime rt, InternalCall call) {
        WireRequest r = call.request();
        String rest = sub(r, "/_haneul/ses/identities/");
        String name = rest.endsWith("/dkim") ? rest.substring(0, rest.length() - 5) : rest;
        Identity i = rt.identities().find(scope(rt, call), name).orElse(null);
        if (i == null) {
            return json(404, Map.of("error", "no identity " + name));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identity", i.name);
        m.put("type", i.type);
        m.put("verificationStatus", i.status);
        m.put("verificationToken", i.verificationToken);
        m.put("dkimEnabled", i.dkimEnabled);
        m.put("dkimStatus", i.dkimStatus);
        m.put("dkimTokens", i.dkimTokens);
        m.put("signingSelector", i.signingSelector());
        m.put("publicKey", i.dkimPublicKey);
        List<Map<String, String>> records = new ArrayList<>();
        if (i.verificationToken != null) {
            records.add(Map.of("type", "TXT", "name", "_amazonses." + i.name, "value", i.verificationToken));
        }
        for (String t : i.dkimTokens) {
            records.add(Map.of("type", "CNAME", "name", t + "._domainkey." + i.name, "value", t + ".dkim.amazonses.com"));
        }
        if (i.dkimPublicKey != null && i.signingSelector() != null) {
            records.add(Map.of("type", "TXT", "name", i.signingSelector() + "._domainkey." + i.name, "value",
                    DkimKeys.txtRecord(i.dkimPublicKey)));
        }
        m.put("dnsRecords", records);
        return json(200, m);
    }

    private static WireResponse smtpPassword(SesRuntime rt, WireRequest r) {
        String secret = param(r, "secretAccessKey");
        if (secret == null) {
            return json(400, Map.of("error", "secretAccessKey is required"));
        }
        String region = param(r, "region") == null ? rt.settings().defaultRegion() : param(r, "region");
        return json(200, Map.of("region", region, "password", SmtpPassword.derive(secret, region)));
    }

    private static WireResponse track(SesRuntime rt, WireRequest r) {
        String rest = sub(r, "/_haneul/ses/track/");
        boolean click = rest.startsWith("click/");
        String messageId = rest.substring(rest.indexOf('/') + 1);
        String link = param(r, "link");
        WireResponse answer;
        if (click) {
            if (link == null || !(link.startsWith("http://") || link.startsWith("https://"))) {
                return json(400, Map.of("error", "missing link"));
            }
            if (!rt.clickSignature().verifies(messageId, link, param(r, "tags"), param(r, LinkTracker.SIGNATURE_PARAM))) {
                // not a link this server wrote into a message: no redirect (open redirect) and no event
                return json(403, Map.of("code", "AccessDenied", "message", "The tracking link's signature does not match"));
            }
            answer = WireResponse.of(302, "text/plain", new byte[0]);
            answer.headers().set("Location", link);
        } else {
            answer = WireResponse.of(200, "image/gif", PIXEL);
            if (!rt.clickSignature().verifies(messageId, LinkTracker.OPEN_PIXEL, null, param(r, LinkTracker.SIGNATURE_PARAM))) {
                // an image for anyone, but an Open event only for a pixel this server wrote into the message
                answer.headers().set("Cache-Control", "no-cache, no-store");
                return answer;
            }
        }
        answer.headers().set("Cache-Control", "no-cache, no-store");
        MessageRow row = rt.store().message(messageId).orElse(null);
        if (row == null || row.meta() == null || row.configSet() == null) {
            return answer;
        }
        Scope s = new Scope(row.account(), row.region(), "");
        ConfigSet cs = rt.docs().get(s, Docs.CONFIG_SET, row.configSet(), ConfigSet.class).orElse(null);
        if (cs == null || !cs.wants(click ? "click" : "open")) {
            return answer;
        }
        Relay.Meta meta = Relay.Meta.of(row);
        Events.Batch b = new Events.Batch(row.account(), row.region(), row.id(), row.configSet(), Map.of());
        String ua = r.header("User-Agent");
        // the connection's address: a client-supplied X-Forwarded-For would let anyone write any IP into events
        String ip = r.remoteAddress() == null ? "127.0.0.1" : r.remoteAddress();
        Instant now = rt.clock().instant();
        b.add(click ? "click" : "open", meta.mail(), click ? EventJson.click(now, link, LinkTracker.linkTags(param(r, "tags")), ua, ip)
                : EventJson.open(now, ua, ip));
        rt.events().enqueue(b);
        return answer;
    }
}
