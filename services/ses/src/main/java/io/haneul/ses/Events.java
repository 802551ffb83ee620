package io.haneul.ses;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.ses.domain.ConfigSet;
import io.haneul.ses.domain.EventDestination;
import io.haneul.ses.domain.EventJson;
import io.haneul.ses.store.SesStore;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes SES events: a batch of events of one message (scheduled in the send's transaction, or
 * by tracking, relay and rendering) goes to the configuration set's enabled destinations that want
 * each type (SNS through {@link TopicDelivery}; other kinds are only recorded) and, for Bounce,
 * Complaint and Delivery, to the sending identity's notification topics. Every attempt is kept in
 * the event outbox ({@code GET /_haneul/ses/events}); hard bounces feed the suppression list.
 */
final class Events {

    static final String JOB = "ses.events";
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final SesStore store;
    private final Docs docs;
    private final ServiceEnvironment env;
    private final Clock clock;
    private final DurableScheduler scheduler;
    private final io.haneul.core.spi.EventFeed feed;

    Events(SesStore store, Docs docs, ServiceEnvironment env, Clock clock, DurableScheduler scheduler) {
        this.store = store;
        this.docs = docs;
        this.env = env;
        this.clock = clock;
        this.scheduler = scheduler;
        this.feed = io.haneul.core.spi.EventFeed.of(env);
    }

    /** An identity notification topic. */
    record Notify(String topic, boolean headers, String identity) {
    }

    /** One event: its v1 type, the mail object and the detail object. */
    record Item(String type, Map<String, Object> mail, Map<String, Object> detail) {
    }

    /** An address to add to the account's suppression list. */
    record Suppress(String email, String reason) {
    }

    /** The events of one message, as a job payload. */
    static final class Batch {
        public String account;
        public String region;
        public String messageId;
        public String configSet;
        public Map<String, Notify> notify = new LinkedHashMap<>();
        public List<Item> events = new ArrayList<>();
        public List<Suppress> suppress = new ArrayList<>();

        Batch() {
        }

        Batch(String account, String region, String messageId, String configSet, Map<String, Notify> notify) {
            this.account = account;
            this.region = region;
            this.messageId = messageId;
            this.configSet = configSet;
            this.notify = new LinkedHashMap<>(notify);
        }

        void add(String type, Map<String, Object> mail, Map<String, Object> detail) {
            events.add(new Item(type, mail, detail));
        }

        void suppress(String email, String reason) {
            suppress.add(new Suppress(email.toLowerCase(Locale.ROOT), reason));
        }

        @JsonIgnore
        boolean isEmpty() {
            return events.isEmpty() && suppress.isEmpty();
        }
    }

    /** Adds the events of one recipient's outcome; {@code relayPending} leaves Delivery to the relay. */
    static void outcomeEvents(Batch b, Map<String, Object> mail, String recipient, Mailer.Outcome outcome, Instant now,
                              boolean relayPending) {
        String feedback = EventJson.messageId(now).replace("-000000", "-000001");
        switch (outcome) {
            case DELIVER -> {
                if (!relayPending) {
                    b.add("delivery", mail, EventJson.delivery(now, 0, List.of(recipient), "250 2.6.0 Message received"));
                }
            }
            case COMPLAINT -> {
                b.add("delivery", mail, EventJson.delivery(now, 0, List.of(recipient), "250 2.6.0 Message received"));
                b.add("complaint", mail, EventJson.complaint(now, List.of(recipient), feedback));
            }
            case BOUNCE -> b.add("bounce", mail, EventJson.bounce(now, "Permanent", "General",
                    List.of(new EventJson.Bounced(recipient, "5.1.1", "smtp; 550 5.1.1 user unknown")), feedback));
            case SUPPRESSED_SIMULATOR -> b.add("bounce", mail, EventJson.bounce(now, "Permanent", "Suppressed",
                    List.of(new EventJson.Bounced(recipient, "5.1.1", "Amazon SES has suppressed sending to this address because it "
                            + "has a recent history of bouncing as an invalid address.")), feedback));
            case SUPPRESSED_ACCOUNT -> b.add("bounce", mail, EventJson.bounce(now, "Permanent", "OnAccountSuppressionList",
                    List.of(new EventJson.Bounced(recipient, "5.1.1", "Amazon SES did not send the message to this address because "
                            + "it is on the suppression list for your account.")), feedback));
        }
    }

    /** Schedules a batch to publish now (tracking, relay outcomes). */
    void enqueue(Batch b) {
        if (!b.isEmpty()) {
            scheduler.schedule(JOB, b.messageId, Docs.json(b), clock.instant());
        }
    }

    /** The job handler: publishes a batch. */
    void handle(Job job) {
        Batch b = Docs.parse(job.payload(), Batch.class);
        Scope s = new Scope(b.account, b.region, "");
        ConfigSet cs = b.configSet == null ? null : docs.get(s, Docs.CONFIG_SET, b.configSet, ConfigSet.class).orElse(null);
        long now = clock.millis();
        List<SesStore.EventRow> rows = new ArrayList<>();
        for (Item item : b.events) {
            if (cs != null) {
                String csArn = s.arn("configuration-set/" + cs.name);
                for (EventDestination d : cs.destinations) {
                    if (!d.enabled || !d.types.contains(item.type())) {
                        continue;
                    }
                    String body = Docs.json(EventJson.event(item.type(), item.mail(), item.detail()));
                    String target;
                    String outcome;
                    if (d.snsTopicArn != null) {
                        target = d.snsTopicArn;
                        outcome = publish(d.snsTopicArn, b.account, csArn, body);
                    } else {
                        target = d.firehoseStreamArn != null ? d.firehoseStreamArn : d.eventBridgeBusArn != null ? d.eventBridgeBusArn
                                : d.cloudWatchDimensions != null ? "cloudwatch" : d.pinpointAppArn != null ? d.pinpointAppArn : "none";
                        outcome = "recorded";
                    }
                    rows.add(new SesStore.EventRow(0, b.account, b.region, b.messageId, item.type(), "destination:" + d.name + ":" + target,
                            outcome, body, now));
                }
            }
            Notify n = b.notify.get(item.type());
            if (n != null && (item.type().equals("bounce") || item.type().equals("complaint") || item.type().equals("delivery"))) {
                String body = Docs.json(EventJson.notification(item.type(), item.mail(), item.detail(), n.headers()));
                String outcome = publish(n.topic(), b.account, s.arn("identity/" + n.identity()), body);
                rows.add(new SesStore.EventRow(0, b.account, b.region, b.messageId, item.type(), "notification:" + n.topic(), outcome,
                        body, now));
            }
        }
        store.db().write(c -> {
            for (SesStore.EventRow r : rows) {
                store.insertEvent(c, r);
            }
            for (Suppress sup : b.suppress) {
                docs.store().put(c, b.account, b.region, Docs.SUPPRESSED, sup.email(),
                        Docs.json(Map.of("email", sup.email(), "reason", sup.reason(), "lastUpdateMs", now, "messageId", b.messageId)),
                        now);
            }
            return null;
        });
        if (!rows.isEmpty()) {
            // the console's event views update when the events are in the store, after the mail itself was captured
            feed.publish("ses", "events.recorded", b.account, Map.of("messageId", b.messageId,
                    "configurationSet", b.configSet == null ? "" : b.configSet));
        }
    }

    private String publish(String topicArn, String account, String sourceArn, String body) {
        Optional<TopicDelivery> sns = env.find(TopicDelivery.class);
        if (sns.isEmpty()) {
            return "skipped: SNS is not served";
        }
        try {
            return "published:" + sns.get().publish(topicArn, account, sourceArn, null, body);
        } catch (RuntimeException e) {
            LOG.debug("publishing an SES event to {} failed", topicArn, e);
            return "failed: " + e.getMessage();
        }
    }

    /** Event types wanted by name, for validation. */
    static Set<String> types(List<String> given) {
        Set<String> out = new HashSet<>();
        for (String t : given) {
            if (!EventDestination.TYPES.contains(t)) {
                throw io.haneul.ses.domain.SesException.invalid("Invalid event type " + t + ".");
            }
            out.add(t);
        }
        return out;
    }
}
