package io.haneul.ses;

import io.haneul.ses.domain.AccountSettings;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EventJson;
import io.haneul.ses.domain.Identity;
import io.haneul.ses.domain.LinkTracker;
import io.haneul.ses.domain.MimeComposer;
import io.haneul.ses.domain.RawMessage;
import io.haneul.ses.domain.SendRate;
import io.haneul.ses.domain.SenderAddresses;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;
import io.haneul.ses.domain.Simulator;
import io.haneul.ses.domain.TemplateRenderer;
import io.haneul.ses.domain.VirusScan;
import io.haneul.ses.store.MessageRow;
import io.haneul.ses.store.SesStore;
import io.haneul.storage.DurableScheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The send path shared by every way in (v1, v2, SMTP): checks (sending enabled, verified senders:
 * Source, ReturnPath and the raw From, Sender and Return-Path headers,
 * sandbox recipients, rate, size, 50 recipients), template rendering, MIME, tracking, DKIM, then
 * one transaction that captures the message and schedules what follows it (events, relay, inbound
 * rules) on the durable scheduler, so an acknowledged message is never lost.
 */
final class Mailer {

    static final int MAX_RECIPIENTS = 50;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_\\-.@:]{1,256}");

    private final SesStore store;
    private final Docs docs;
    private final Identities identities;
    private final TemplateRenderer renderer;
    private final SendRate rate;
    private final SesSettings settings;
    private final Clock clock;
    private final DurableScheduler scheduler;
    private final Receiving receiving;

    private final io.haneul.ses.domain.ClickSignature clickSignature;
    /** The console's live feed: told of every captured mail once it is stored. */
    private final io.haneul.core.spi.EventFeed events;

    Mailer(SesStore store, Docs docs, Identities identities, TemplateRenderer renderer, SendRate rate, SesSettings settings, Clock clock,
           DurableScheduler scheduler, Receiving receiving, io.haneul.ses.domain.ClickSignature clickSignature,
           io.haneul.core.spi.EventFeed events) {
        this.events = events;
        this.clickSignature = clickSignature;
        this.store = store;
        this.docs = docs;
        this.identities = identities;
        this.renderer = renderer;
        this.rate = rate;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
        this.receiving = receiving;
    }

    private void captured(MessageRow row) {
        events.publish("ses", "mail.captured", row.account(), Map.of("id", row.id(), "region", row.region()));
    }

    /** What one recipient's delivery turns into. */
    enum Outcome { DELIVER, BOUNCE, SUPPRESSED_SIMULATOR, SUPPRESSED_ACCOUNT, COMPLAINT }

    /** Sends one message; returns its MessageId. */
    String send(Outgoing o) {
        Instant now = clock.instant();
        String messageId = EventJson.messageId(now);
        RawMessage rawIn = null;
        String configSetName = o.configSet();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        String sourceArn = o.sourceArn();
        String source = o.source();
        List<String> to = new ArrayList<>(nullToEmpty(o.to()));
        List<String> cc = new ArrayList<>(nullToEmpty(o.cc()));
        List<String> bcc = new ArrayList<>(nullToEmpty(o.bcc()));
        if (o.raw() != null) {
            if (o.raw().length > o.maxBytes()) {
                throw SesException.rejected("Message length is more than " + (o.maxBytes() / 1024 / 1024) + " megabytes.");
            }
            rawIn = RawMessage.parse(o.raw());
            String headerSet = rawIn.header("X-SES-CONFIGURATION-SET");
            if (configSetName == null && headerSet != null) {
                configSetName = headerSet;
            }
            String headerTags = rawIn.header("X-SES-MESSAGE-TAGS");
            if (headerTags != null) {
                for (String pair : headerTags.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        tags.computeIfAbsent(pair.substring(0, eq).trim(), k -> new ArrayList<>()).add(pair.substring(eq + 1).trim());
                    }
                }
            }
            if (sourceArn == null && rawIn.header("X-SES-SOURCE-ARN") != null) {
                sourceArn = rawIn.header("X-SES-SOURCE-ARN");
            }
            for (String h : new String[]{"X-SES-CONFIGURATION-SET", "X-SES-MESSAGE-TAGS", "X-SES-SOURCE-ARN", "X-SES-FROM-ARN",
                    "X-SES-RETURN-PATH-ARN"}) {
                rawIn.remove(h);
            }
            String from = rawIn.decoded("From");
            if (from == null || EventJson.splitAddresses(from).isEmpty()) {
                throw SesException.rejected(SenderAddresses.MISSING_FROM);
            }
            if (source == null) {
                source = EventJson.splitAddresses(from).getFirst();
            }
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                to.addAll(headerAddresses(rawIn, "To"));
                cc.addAll(headerAddresses(rawIn, "Cc"));
                bcc.addAll(headerAddresses(rawIn, "Bcc"));
            }
            rawIn.remove("Bcc");
        }
        if (o.tags() != null) {
            o.tags().forEach((k, v) -> tags.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        // SES checks the tags before anything about the sender or recipients, in these words
        for (Map.Entry<String, List<String>> t : tags.entrySet()) {
            if (t.getKey() == null || t.getKey().isEmpty()) {
                throw SesException.invalid("The tag name must be specified.");
            }
            if (t.getValue().stream().anyMatch(v -> v == null || v.isEmpty())) {
                throw SesException.invalid("The tag value must be specified.");
            }
            if (t.getKey().length() > 255) {
                throw SesException.invalid("Tag name cannot exceed 255 characters.");
            }
            if (t.getValue().stream().anyMatch(v -> v.length() > 255)) {
                throw SesException.invalid("Tag value cannot exceed 255 characters.");
            }
            if (!TAG.matcher(t.getKey()).matches() || t.getValue().stream().anyMatch(v -> !TAG.matcher(v).matches())) {
                throw SesException.invalid("Invalid tag name <" + t.getKey() + ">: only alphanumeric ASCII characters, '_', and '-' are allowed.");
            }
        }
        if (source == null || source.isBlank()) {
            throw SesException.invalid("Missing required parameter Source.");
        }
        String sourceBare = Addresses.bare(source);
        if (!Addresses.valid(sourceBare)) {
            throw SesException.invalid("Missing final '@domain'");
        }
        List<String> all = new ArrayList<>(to.size() + cc.size() + bcc.size());
        all.addAll(to);
        all.addAll(cc);
        all.addAll(bcc);
        if (all.isEmpty()) {
            throw SesException.rejected("Recipient address required.");
        }
        if (all.size() > MAX_RECIPIENTS) {
            throw SesException.invalid("Recipient count exceeds " + MAX_RECIPIENTS + ".");
        }
        List<String> recipients = new ArrayList<>(all.size());
        for (String r : all) {
            String b = Addresses.bare(r);
            if (!Addresses.valid(b)) {
                throw SesException.invalid("Illegal address");
            }
            recipients.add(b);
        }

        // one read: identities that could verify sender (and recipients in the sandbox), config set, suppression, account
        List<String> senders = SenderAddresses.of(sourceBare, rawIn, o.returnPath());
        Set<String> checkAddresses = new LinkedHashSet<>(senders);
        if (settings.sandbox()) {
            recipients.stream().filter(r -> Simulator.of(r) == Simulator.NONE).forEach(checkAddresses::add);
        }
        Map<String, Collection<String>> wanted = new LinkedHashMap<>();
        wanted.put(Docs.IDENTITY, Identities.candidates(checkAddresses));
        wanted.put(Docs.SUPPRESSED, recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
        wanted.put(Docs.ACCOUNT, List.of("settings"));
        if (configSetName != null) {
            wanted.put(Docs.CONFIG_SET, List.of(configSetName));
        }
        Scope s = o.scope();
        Map<String, SesStore.Doc> found = store.db().read(c -> store.getMany(c, s.account(), s.region(), wanted));
        Map<String, Identity> known = new LinkedHashMap<>();
        Map<String, String> suppressed = new LinkedHashMap<>();
        AccountSettings account = new AccountSettings();
        ConfigSet configSet = null;
        for (SesStore.Doc d : found.values()) {
            switch (d.kind()) {
                case Docs.IDENTITY -> known.put(d.name(), Docs.parse(d.body(), Identity.class));
                case Docs.SUPPRESSED -> suppressed.put(d.name(), String.valueOf(Docs.parse(d.body(), Map.class).get("reason")));
                case Docs.ACCOUNT -> account = Docs.parse(d.body(), AccountSettings.class);
                case Docs.CONFIG_SET -> configSet = Docs.parse(d.body(), ConfigSet.class);
                default -> {
                }
            }
        }
        if (!account.sendingEnabled) {
            throw new SesException("AccountSendingPausedException", "SendingPausedException",
                    "Email sending is disabled for this account.");
        }
        if (configSetName != null && configSet == null) {
            throw SesException.configSetMissing(configSetName);
        }
        if (configSet != null && !configSet.sendingEnabled) {
            throw new SesException("ConfigurationSetSendingPausedException", "SendingPausedException",
                    "Email sending is disabled for configuration set " + configSetName + ".");
        }
        List<String> failing = Identities.unverified(senders, known);
        if (!failing.isEmpty()) {
            throw notVerified(s, failing);
        }
        if (settings.sandbox()) {
            List<String> badRecipients = Identities.unverified(recipients.stream().filter(r -> Simulator.of(r) == Simulator.NONE).toList(),
                    known);
            if (!badRecipients.isEmpty()) {
                throw notVerified(s, badRecipients);
            }
        }
        rate.acquire(s.account() + "/" + s.region(), settings.maxSendRate(), recipients.size());
        if (settings.max24HourSend() < 1e7
                && store.sentSince(s.account(), s.region(), now.toEpochMilli() - 86_400_000L) + recipients.size() > settings.max24HourSend()) {
            throw SesException.rejected("Daily message quota exceeded.");
        }

        Identity sourceIdentity = notificationIdentity(sourceBare, known);
        boolean wantEvents = configSet != null && configSet.wantsAny();
        boolean notify = sourceIdentity != null && !sourceIdentity.topics.isEmpty();

        // content
        SimpleMail simple = o.simple();
        if (o.template() != null) {
            try {
                TemplateRenderer.Rendered r = renderer.render(o.template(), renderer.data(o.templateData()));
                simple = simple.withContent(r.subject(), r.text(), r.html());
            } catch (TemplateRenderer.MissingAttribute | SesException e) {
                if (e instanceof SesException se && "InvalidRenderingParameterException".equals(se.v1())) {
                    throw se;
                }
                renderingFailure(s, messageId, now, sourceBare, sourceArn, recipients, configSet, tags, o, e.getMessage());
                return messageId;
            }
        }
        byte[] raw;
        boolean isRaw = rawIn != null;
        String text = null;
        String html = null;
        String subject = null;
        if (simple != null) {
            html = simple.html();
            if (configSet != null && html != null && (configSet.wants("open") || configSet.wants("click"))) {
                html = LinkTracker.rewrite(html, s.baseUrl(), messageId, configSet.wants("click"), configSet.wants("open"),
                        clickSignature);
                simple = simple.withContent(simple.subject(), simple.text(), html);
            }
            text = simple.text();
            subject = simple.subject();
            raw = MimeComposer.compose(simple, messageId, Date.from(now));
            if (raw.length > o.maxBytes()) {
                throw SesException.rejected("Message length is more than " + (o.maxBytes() / 1024 / 1024) + " megabytes.");
            }
        } else {
            rawIn.set("Message-ID", "<" + messageId + "@email.amazonses.com>");
            if (rawIn.header("Date") == null) {
                rawIn.add("Date", new jakarta.mail.internet.MailDateFormat().format(Date.from(now)));
            }
            if (rawIn.header("MIME-Version") == null) {
                rawIn.add("MIME-Version", "1.0");
            }
            raw = rawIn.toBytes();
        }
        Identity signer = Identities.signer(sourceBare, known);
        if (signer == null && !known.containsKey(Addresses.domain(sourceBare))) {
            signer = null;
        }
        if (signer != null) {
            raw = Dkim.sign(raw, signer.name, signer.signingSelector(), identities.privateKey(s, signer));
        }

        // content scan: an infected message is accepted, then rejected (Send + Reject events), never delivered
        boolean rejected = VirusScan.infected(raw);

        // outcome of each recipient
        List<String> suppressedReasons = configSet != null && configSet.suppressedReasons != null ? configSet.suppressedReasons
                : account.suppressedReasons;
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String r : rejected ? List.<String>of() : recipients) {
            Simulator sim = Simulator.of(r);
            Outcome out = switch (sim) {
                case BOUNCE -> Outcome.BOUNCE;
                case SUPPRESSION_LIST -> Outcome.SUPPRESSED_SIMULATOR;
                case COMPLAINT -> Outcome.COMPLAINT;
                default -> suppressedReasons.contains(suppressed.get(r.toLowerCase(Locale.ROOT))) ? Outcome.SUPPRESSED_ACCOUNT
                        : Outcome.DELIVER;
            };
            outcomes.put(r, out);
        }
        int bounces = (int) outcomes.values().stream().filter(x -> x == Outcome.BOUNCE || x == Outcome.SUPPRESSED_SIMULATOR
                || x == Outcome.SUPPRESSED_ACCOUNT).count();
        int complaints = (int) outcomes.values().stream().filter(x -> x == Outcome.COMPLAINT).count();
        List<String> relayTo = settings.relay() ? recipients.stream()
                .filter(r -> Simulator.of(r) == Simulator.NONE && outcomes.get(r) == Outcome.DELIVER).toList() : List.of();
        List<String> inbound = rejected ? List.of() : receiving.matchingRecipients(s.region(), recipients);

        RawMessage finalHeaders = wantEvents || notify || relayTo.size() > 0 ? RawMessage.parse(raw) : null;
        Map<String, Object> mail = null;
        if (finalHeaders != null) {
            Map<String, List<String>> eventTags = new LinkedHashMap<>();
            if (configSetName != null) {
                eventTags.put("ses:configuration-set", List.of(configSetName));
            }
            eventTags.put("ses:source-ip", List.of(o.sourceIp() == null ? "127.0.0.1" : o.sourceIp()));
            eventTags.put("ses:from-domain", List.of(Addresses.domain(sourceBare)));
            eventTags.put("ses:caller-identity", List.of(o.callerIdentity() == null ? "haneul" : o.callerIdentity()));
            eventTags.put("ses:operation", List.of(isRaw ? "SendRawEmail" : o.template() != null ? "SendTemplatedEmail" : "SendEmail"));
            eventTags.putAll(tags);
            mail = EventJson.mail(finalHeaders, messageId, now, sourceBare,
                    sourceArn != null ? sourceArn : s.arn("identity/" + sourceBare), s.account(), recipients, eventTags);
        }
        Events.Batch batch = null;
        if (wantEvents || notify) {
            batch = new Events.Batch(s.account(), s.region(), messageId, configSetName, notifications(sourceIdentity));
            if (configSet != null && configSet.wants("send")) {
                batch.add("send", mail, EventJson.send());
            }
            if (rejected) {
                batch.add("reject", mail, EventJson.reject(VirusScan.REASON));
            }
            for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
                Events.outcomeEvents(batch, mail, e.getKey(), e.getValue(), now, settings.relay() && Simulator.of(e.getKey()) == Simulator.NONE);
            }
        }
        MessageRow row = new MessageRow(messageId, s.account(), s.region(), sourceBare,
                Docs.json(Map.of("ToAddresses", to, "CcAddresses", cc, "BccAddresses", bcc)),
                "," + String.join(",", recipients).toLowerCase(Locale.ROOT) + ",", subject, text, html, raw, isRaw, configSetName,
                mail == null ? null : Docs.json(Map.of("mail", mail, "topics", notifications(sourceIdentity))),
                recipients.size(), bounces, complaints, rejected ? 1 : 0,
                rejected ? "rejected" : relayTo.isEmpty() ? (bounces > 0 ? "bounced" : "delivered") : "queued",
                now.toEpochMilli());
        Events.Batch events = batch;
        boolean scheduled = store.db().write(c -> {
            store.insertMessage(c, row);
            boolean any = false;
            if (events != null && !events.isEmpty()) {
                scheduler.schedule(c, Events.JOB, messageId, Docs.json(events), now);
                any = true;
            }
            if (!relayTo.isEmpty()) {
                scheduler.schedule(c, Relay.JOB, messageId, Docs.json(Map.of("id", messageId, "recipients", relayTo,
                        "envelopeFrom", o.returnPath() != null ? Addresses.bare(o.returnPath()) : sourceBare)), now);
                any = true;
            }
            if (!inbound.isEmpty()) {
                scheduler.schedule(c, Receiving.JOB, messageId, Docs.json(Map.of("id", messageId, "recipients", inbound,
                        "region", s.region())), now);
                any = true;
            }
            return any;
        });
        captured(row);
        if (scheduled) {
            scheduler.wake();
        }
        return messageId;
    }

    private static SesException notVerified(Scope s, List<String> failing) {
        return SesException.rejected("Email address is not verified. The following identities failed the check in region "
                + s.region().toUpperCase(Locale.ROOT) + ": " + String.join(", ", failing));
    }

    private void renderingFailure(Scope s, String messageId, Instant now, String source, String sourceArn, List<String> recipients,
                                  ConfigSet configSet, Map<String, List<String>> tags, Outgoing o, String error) {
        if (configSet == null || !configSet.wants("renderingFailure")) {
            return;
        }
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("timestamp", now.toString());
        mail.put("source", source);
        mail.put("sourceArn", sourceArn != null ? sourceArn : s.arn("identity/" + source));
        mail.put("sendingAccountId", s.account());
        mail.put("messageId", messageId);
        mail.put("destination", recipients);
        mail.put("headersTruncated", false);
        mail.put("tags", tags);
        Events.Batch batch = new Events.Batch(s.account(), s.region(), messageId, configSet.name, Map.of());
        batch.add("renderingFailure", mail, EventJson.failure(o.template().name, error));
        scheduler.schedule(Events.JOB, messageId, Docs.json(batch), now);
    }

    /** The identity whose notification topics apply: the address's, else its domain's. */
    private static Identity notificationIdentity(String source, Map<String, Identity> known) {
        Identity byEmail = known.get(Addresses.identityKey(source));
        if (byEmail != null && byEmail.verified()) {
            return byEmail;
        }
        for (String d : Addresses.domainAndParents(Addresses.domain(source))) {
            Identity i = known.get(d);
            if (i != null && i.verified()) {
                return i;
            }
        }
        return null;
    }

    private static Map<String, Events.Notify> notifications(Identity i) {
        if (i == null || i.topics.isEmpty()) {
            return Map.of();
        }
        Map<String, Events.Notify> out = new LinkedHashMap<>();
        i.topics.forEach((type, arn) -> out.put(type.toLowerCase(Locale.ROOT),
                new Events.Notify(arn, Boolean.TRUE.equals(i.headersInNotifications.get(type)), i.name)));
        return out;
    }

    private static List<String> headerAddresses(RawMessage raw, String name) {
        List<String> out = new ArrayList<>();
        for (String h : raw.headers(name)) {
            for (String a : EventJson.splitAddresses(RawMessage.decode(h))) {
                out.add(Addresses.bare(a));
            }
        }
        return out;
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    /**
     * Sends a mail another service originates (SNS email subscriptions): no identity, sandbox, rate
     * or quota checks and no events, but SES's outbound path otherwise: captured in one transaction
     * with, under {@code --ses-delivery smtp}, the durable relay job of its (non-simulator) recipients;
     * like SES's own mail it does not count against the account's sending quota.
     */
    String sendServiceMail(Scope s, String from, List<String> to, String subject, String text) {
        String sourceBare = Addresses.bare(from);
        if (!Addresses.valid(sourceBare)) {
            throw new IllegalArgumentException("invalid sender address: " + from);
        }
        if (to == null || to.isEmpty() || to.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("between 1 and " + MAX_RECIPIENTS + " recipients are required");
        }
        List<String> recipients = new ArrayList<>(to.size());
        for (String r : to) {
            String b = Addresses.bare(r);
            if (!Addresses.valid(b)) {
                throw new IllegalArgumentException("invalid recipient address: " + r);
            }
            recipients.add(b);
        }
        Instant now = clock.instant();
        String id = EventJson.messageId(now);
        SimpleMail mail = new SimpleMail(from, recipients, List.of(), List.of(), subject, null, text, null, null, null, List.of(), List.of());
        byte[] raw = MimeComposer.compose(mail, id, Date.from(now));
        List<String> relayTo = settings.relay() ? recipients.stream().filter(r -> Simulator.of(r) == Simulator.NONE).toList() : List.of();
        MessageRow row = new MessageRow(id, s.account(), s.region(), sourceBare,
                Docs.json(Map.of("ToAddresses", recipients, "CcAddresses", List.of(), "BccAddresses", List.of())),
                "," + String.join(",", recipients).toLowerCase(Locale.ROOT) + ",", subject, text, null, raw, false, null,
                null, 0, 0, 0, 0, relayTo.isEmpty() ? "delivered" : "queued", now.toEpochMilli());
        store.db().write(c -> {
            store.insertMessage(c, row);
            if (!relayTo.isEmpty()) {
                scheduler.schedule(c, Relay.JOB, id, Docs.json(Map.of("id", id, "recipients", relayTo, "envelopeFrom", sourceBare)), now);
            }
            return null;
        });
        captured(row);
        if (!relayTo.isEmpty()) {
            scheduler.wake();
        }
        return id;
    }

    /**
     * Captures a message SES itself sends (verification mail): no checks, no events.
     */
    /**
     * The mailbox SES's own mail (verification requests) is captured in under {@code --auth strict}:
     * no account's, so only admin keys read it (a tenant could otherwise verify any address by
     * reading the link sent to it).
     */
    static final String SYSTEM_MAILBOX = "aws";

    void captureSystemMail(Scope s, String from, SimpleMail mail) {
        Instant now = clock.instant();
        String id = EventJson.messageId(now);
        byte[] raw = MimeComposer.compose(mail, id, Date.from(now));
        List<String> to = mail.to();
        // strict mode: the verification link is for the address's owner, not for the tenant that asked for it
        String mailbox = settings.strictAuth() ? SYSTEM_MAILBOX : s.account();
        MessageRow row = new MessageRow(id, mailbox, s.region(), Addresses.bare(from),
                Docs.json(Map.of("ToAddresses", to, "CcAddresses", List.of(), "BccAddresses", List.of())),
                "," + String.join(",", to).toLowerCase(Locale.ROOT) + ",", mail.subject(), mail.text(), mail.html(), raw, false, null,
                null, 0, 0, 0, 0, "delivered", now.toEpochMilli());
        store.db().write(c -> {
            store.insertMessage(c, row);
            return null;
        });
        captured(row);
    }
}
