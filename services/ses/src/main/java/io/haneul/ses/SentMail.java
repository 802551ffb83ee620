package io.haneul.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.ses.domain.Addresses;
import io.haneul.ses.domain.Simulator;
import io.haneul.ses.store.MessageRow;
import io.haneul.ses.store.SesStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What happened to the mail an account sent, read from the mailbox Haneul keeps: per message and per
 * recipient, the outcome SES would report (DELIVERY, BOUNCE, COMPLAINT beside a delivery, REJECT, or
 * only SEND while a relay is pending). The source of the deliverability dashboard, message insights
 * and metric exports, so that they report numbers from mail actually sent here.
 */
final class SentMail {

    /** The outcome for one recipient. */
    record Recipient(String address, List<String> events) {
    }

    /** One message sent, with its tags and per-recipient outcomes. */
    record Sent(String messageId, String source, String subject, String configSet, Map<String, String> tags, long sentMs,
                List<Recipient> recipients) {

        String sourceDomain() {
            return Addresses.domain(source).toLowerCase(Locale.ROOT);
        }

        long count(String event) {
            return recipients.stream().filter(r -> r.events().contains(event)).count();
        }
    }

    /** At most this many messages are read for one report. */
    static final int MAX_MESSAGES = 100_000;

    private final SesStore store;

    SentMail(SesStore store) {
        this.store = store;
    }

    List<Sent> since(Scope s, long fromMs, long toMs) {
        List<Sent> out = new ArrayList<>();
        for (MessageRow m : store.messages(new SesStore.MessageFilter(null, null, null, s.account(), s.region(), fromMs, MAX_MESSAGES))) {
            if (m.createdMs() <= toMs) {
                out.add(of(m));
            }
        }
        return out;
    }

    java.util.Optional<Sent> message(Scope s, String id) {
        return store.message(id).filter(m -> m.account().equals(s.account()) && m.region().equals(s.region())).map(SentMail::of);
    }

    static Sent of(MessageRow m) {
        List<Recipient> recipients = new ArrayList<>();
        for (String address : m.recipients().split(",")) {
            if (address.isEmpty()) {
                continue;
            }
            List<String> events = new ArrayList<>(List.of("SEND"));
            switch (m.status()) {
                case "rejected" -> events.add("REJECT");
                case "queued", "failed" -> {
                }
                default -> {
                    Simulator sim = Simulator.of(address);
                    if (sim == Simulator.BOUNCE || sim == Simulator.SUPPRESSION_LIST) {
                        events.add("BOUNCE");
                    } else {
                        events.add("DELIVERY");
                        if (sim == Simulator.COMPLAINT) {
                            events.add("COMPLAINT");
                        }
                    }
                }
            }
            recipients.add(new Recipient(address, events));
        }
        return new Sent(m.id(), m.source(), subject(m), m.configSet(), tags(m), m.createdMs(), recipients);
    }

    private static JsonNode meta(MessageRow m) {
        try {
            return Docs.JSON.readTree(m.meta());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("corrupt SES message context of " + m.id(), e);
        }
    }

    private static String subject(MessageRow m) {
        if (m.subject() != null || m.meta() == null) {
            return m.subject();
        }
        JsonNode subject = meta(m).path("mail").path("commonHeaders").path("subject");
        return subject.isTextual() ? subject.asText() : null;
    }

    /** The message's own tags (the ses: ones SES adds left out), from the event context when one was kept. */
    private static Map<String, String> tags(MessageRow m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m.meta() == null) {
            return out;
        }
        JsonNode tags = meta(m).path("mail").path("tags");
        tags.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("ses:") && e.getValue().size() > 0) {
                out.put(e.getKey(), e.getValue().get(0).asText());
            }
        });
        return out;
    }
}
