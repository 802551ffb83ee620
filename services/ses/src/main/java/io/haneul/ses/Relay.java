package io.haneul.ses;

import io.haneul.ses.domain.EventJson;
import io.haneul.ses.store.MessageRow;
import io.haneul.ses.store.SesStore;
import io.haneul.storage.Job;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code --ses-delivery smtp}: relays captured messages to a real SMTP server (host, port,
 * STARTTLS or TLS, AUTH) as durable jobs. A transient failure (connection, 4xx) is retried by the
 * scheduler with backoff and reported as DeliveryDelay; a 5xx or the last failed attempt becomes a
 * Bounce; success becomes Delivery with the server's reply.
 */
final class Relay {

    static final String JOB = "ses.relay";
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final SesStore store;
    private final SesSettings settings;
    private final Events events;
    private final Clock clock;
    private final Session session;
    private final Docs docs;

    Relay(SesStore store, Docs docs, SesSettings settings, Events events, Clock clock) {
        this.store = store;
        this.docs = docs;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        Properties p = new Properties();
        String proto = settings.relaySsl() ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.relayHost());
        p.put("mail." + proto + ".port", String.valueOf(settings.relayPort()));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "30000");
        p.put("mail." + proto + ".writetimeout", "30000");
        p.put("mail." + proto + ".starttls.enable", String.valueOf(settings.relayStartTls()));
        p.put("mail." + proto + ".ssl.trust", settings.relayTrust());
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        p.put("mail." + proto + ".auth", String.valueOf(settings.relayUser() != null));
        p.put("mail." + proto + ".sendpartial", "true");
        // EHLO name: without it Jakarta Mail resolves the local host name, which can stall for seconds
        p.put("mail." + proto + ".localhost", "email-smtp.haneul.local");
        this.session = Session.getInstance(p);
    }

    /** A relay job's payload. */
    record Payload(String id, List<String> recipients, String envelopeFrom) {
    }

    void handle(Job job) throws Exception {
        Payload p = Docs.parse(job.payload(), Payload.class);
        MessageRow row = store.message(p.id()).orElse(null);
        if (row == null) {
            return;
        }
        Instant started = clock.instant();
        Meta meta = Meta.of(row);
        try {
            org.eclipse.angus.mail.smtp.SMTPMessage m = new org.eclipse.angus.mail.smtp.SMTPMessage(session,
                    new ByteArrayInputStream(row.raw()));
            m.setEnvelopeFrom(p.envelopeFrom());
            Address[] to = p.recipients().stream().map(Relay::address).toArray(Address[]::new);
            String response;
            try (Transport t = session.getTransport()) {
                if (settings.relayUser() != null) {
                    t.connect(settings.relayUser(), settings.relayPassword());
                } else {
                    t.connect();
                }
                t.sendMessage(m, to);
                response = t instanceof org.eclipse.angus.mail.smtp.SMTPTransport st ? st.getLastServerResponse() : "250 OK";
            }
            delivered(row, meta, p.recipients(), started, response);
        } catch (SendFailedException e) {
            int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : e.getNextException() instanceof SMTPAddressFailedException a
                    ? a.getReturnCode() : 0;
            List<String> invalid = addresses(e.getInvalidAddresses());
            List<String> unsent = addresses(e.getValidUnsentAddresses());
            List<String> sent = addresses(e.getValidSentAddresses());
            if (!sent.isEmpty()) {
                delivered(row, meta, sent, started, "250 OK");
            }
            if (!invalid.isEmpty() || (code >= 500 && sent.isEmpty())) {
                bounced(row, meta, invalid.isEmpty() ? p.recipients() : invalid, "Permanent", "General", "5.1.1",
                        "smtp; " + String.valueOf(e.getNextException() != null ? e.getNextException().getMessage() : e.getMessage()).trim());
                if (unsent.isEmpty()) {
                    return;
                }
            }
            transientFailure(job, row, meta, p, e);
        } catch (MessagingException e) {
            transientFailure(job, row, meta, p, e);
        }
    }

    private void transientFailure(Job job, MessageRow row, Meta meta, Payload p, MessagingException e) throws MessagingException {
        String diag = "smtp; " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim());
        if (job.attempts() >= settings.deliveryAttempts()) {
            LOG.warn("relaying SES message {} failed after {} attempts: {}", row.id(), job.attempts(), diag);
            bounced(row, meta, p.recipients(), "Transient", "General", "4.4.7", diag);
            return;
        }
        if (meta != null) {
            Events.Batch b = meta.batch(row);
            List<EventJson.Bounced> delayed = p.recipients().stream().map(r -> new EventJson.Bounced(r, "4.4.1", diag)).toList();
            b.add("deliveryDelay", meta.mail(), EventJson.deliveryDelay(clock.instant(), row.createdInstant().plus(Duration.ofHours(14)),
                    delayed, "TransientCommunicationFailure"));
            events.enqueue(b);
        }
        throw e;
    }

    private void delivered(MessageRow row, Meta meta, List<String> recipients, Instant started, String response) {
        store.db().write(c -> {
            store.updateOutcome(c, row.id(), row.nBounces() > 0 ? "bounced" : "delivered", row.nBounces(), row.nComplaints());
            return null;
        });
        if (meta != null) {
            Events.Batch b = meta.batch(row);
            long took = Math.max(0, clock.millis() - row.createdMs());
            b.add("delivery", meta.mail(), EventJson.delivery(clock.instant(), took, recipients, response == null ? "250 OK" : response.trim()));
            events.enqueue(b);
        }
    }

    private void bounced(MessageRow row, Meta meta, List<String> recipients, String type, String subType, String status, String diag) {
        store.db().write(c -> {
            store.updateOutcome(c, row.id(), "bounced", row.nBounces() + recipients.size(), row.nComplaints());
            return null;
        });
        Events.Batch b = meta != null ? meta.batch(row) : new Events.Batch(row.account(), row.region(), row.id(), row.configSet(), Map.of());
        if (meta != null) {
            b.add("bounce", meta.mail(), EventJson.bounce(clock.instant(), type, subType,
                    recipients.stream().map(r -> new EventJson.Bounced(r, status, diag)).toList(), EventJson.messageId(clock.instant())));
        }
        if ("Permanent".equals(type) && suppressesBounces(row)) {
            recipients.forEach(r -> b.suppress(r, "BOUNCE"));
        }
        events.enqueue(b);
    }

    /** Whether hard bounces add to the account's suppression list (the configuration set's reasons, else the account's). */
    private boolean suppressesBounces(MessageRow row) {
        Scope s = new Scope(row.account(), row.region(), "");
        io.haneul.ses.domain.ConfigSet cs = row.configSet() == null ? null
                : docs.get(s, Docs.CONFIG_SET, row.configSet(), io.haneul.ses.domain.ConfigSet.class).orElse(null);
        List<String> reasons = cs != null && cs.suppressedReasons != null ? cs.suppressedReasons : docs.account(s).suppressedReasons;
        return reasons.contains("BOUNCE");
    }

    private static Address address(String a) {
        try {
            return new InternetAddress(a, false);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> addresses(Address[] a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (Address x : a) {
                out.add(x instanceof InternetAddress ia ? ia.getAddress() : x.toString());
            }
        }
        return out;
    }

    /** The event context kept with a message: its mail object and notification topics. */
    record Meta(Map<String, Object> mail, Map<String, Events.Notify> topics) {
        static Meta of(MessageRow row) {
            return row.meta() == null ? null : Docs.parse(row.meta(), Meta.class);
        }

        Events.Batch batch(MessageRow row) {
            return new Events.Batch(row.account(), row.region(), row.id(), row.configSet(), topics == null ? Map.of() : topics);
        }
    }
}
