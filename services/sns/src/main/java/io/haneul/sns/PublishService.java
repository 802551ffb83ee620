package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.sns.domain.Arns;
import io.haneul.sns.domain.FilterPolicy;
import io.haneul.sns.domain.MessageAttributes;
import io.haneul.sns.domain.PhoneNumbers;
import io.haneul.sns.domain.Protocol;
import io.haneul.sns.domain.PublishRules;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.PlatformStore;
import io.haneul.sns.store.SmsStore;
import io.haneul.sns.store.SubscriptionRecord;
import io.haneul.sns.store.TopicRecord;
import io.haneul.sns.store.TopicStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publish and PublishBatch: validation, FIFO sequencing and deduplication (5-minute window),
 * filter policies, and the hand-off to {@link Deliveries}; also direct publishes to a phone number
 * or a platform endpoint, which go to the outbox.
 */
final class PublishService {

    private static final Logger LOG = LoggerFactory.getLogger(PublishService.class);
    private static final Duration DEDUP_WINDOW = Duration.ofMinutes(5);
    private static final int MAX_BATCH = 10;

    /** What a caller publishes. */
    record Input(String message, String subject, String messageStructure, Map<String, MessageAttributes.Attribute> attributes,
                 String groupId, String dedupId) {
    }

    /** The published message's id and, for FIFO topics, its sequence number. */
    record Published(String messageId, String sequenceNumber) {
    }

    /** One PublishBatch entry's outcome: published, or failed with an error. */
    record EntryResult(String id, Published published, SnsException error) {
    }

    private final TopicStore store;
    private final TopicService topics;
    private final PlatformStore platform;
    private final SmsStore sms;
    private final OutboxStore outbox;
    private final Deliveries deliveries;
    private final SnsSettings settings;
    private final Clock clock;
    private final Map<String, FilterPolicy> filterCache = new ConcurrentHashMap<>();

    PublishService(TopicStore store, TopicService topics, PlatformStore platform, SmsStore sms, OutboxStore outbox,
                   Deliveries deliveries, SnsSettings settings, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.platform = platform;
        this.sms = sms;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    Published publish(RequestContext ctx, String topicArn, String targetArn, String phoneNumber, Input in) {
        int targets = (topicArn != null ? 1 : 0) + (targetArn != null ? 1 : 0) + (phoneNumber != null ? 1 : 0);
        if (targets == 0) {
            throw SnsException.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        if (targets > 1) {
            throw SnsException.invalidParameter("TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be given");
        }
        if (phoneNumber != null) {
            return publishSms(ctx, phoneNumber, in);
        }
        String arn = topicArn != null ? topicArn : targetArn;
        Optional<Arns.SnsArn> parsed = Arns.parse(arn);
        if (parsed.isPresent() && parsed.get().resource().startsWith("endpoint/")) {
            return publishPush(ctx, arn, in);
        }
        if (parsed.isEmpty()) {
            Arns.topic(arn, topicArn != null ? "TopicArn" : "TargetArn");
            throw SnsException.invalidParameter(topicArn != null ? "TopicArn" : "TargetArn");
        }
        TopicRecord topic = topics.resolve(ctx, arn, "Publish");
        return publishToTopic(settings.baseUrl(ctx), topic, store.confirmedOf(topic.arn()), in);
    }

    List<EntryResult> publishBatch(RequestContext ctx, String topicArn, List<String> ids, List<Input> entries) {
        TopicRecord topic = topics.resolve(ctx, topicArn, "Publish");
        if (entries.isEmpty()) {
            throw new SnsException("EmptyBatchRequestException", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH) {
            throw new SnsException("TooManyEntriesInBatchRequestException", "The batch request contains more entries than permissible.");
        }
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new SnsException("InvalidBatchEntryIdException", "The Id of a batch entry in a batch request doesn't abide by the specification.");
            }
            if (!seen.add(id)) {
                throw new SnsException("BatchEntryIdsNotDistinctException", "Two or more batch entries in the request have the same Id.");
            }
            Input in = entries.get(i);
            total += in.message() == null ? 0 : in.message().getBytes(StandardCharsets.UTF_8).length;
            for (var a : in.attributes().entrySet()) {
                total += a.getKey().length() + (a.getValue().dataType() == null ? 0 : a.getValue().dataType().length())
                        + (a.getValue().binaryValue() != null ? a.getValue().binaryValue().length
                        : a.getValue().stringValue() == null ? 0 : a.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length);
            }
        }
        if (total > PublishRules.MAX_BYTES) {
            throw new SnsException("BatchRequestTooLongException", "The length of all the messages put together is more than the limit.");
        }
        if (topic.fifo() && entries.stream().anyMatch(e -> e.groupId() == null || e.groupId().isEmpty())) {
            throw SnsException.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        List<SubscriptionRecord> subs = store.confirmedOf(topic.arn());
        String base = settings.baseUrl(ctx);
        List<EntryResult> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                results.add(new EntryResult(ids.get(i), publishToTopic(base, topic, subs, entries.get(i)), null));
            } catch (SnsException e) {
                results.add(new EntryResult(ids.get(i), null, e));
            }
        }
        return results;
    }

    private Published publishToTopic(String baseUrl, TopicRecord topic, List<SubscriptionRecord> subs, Input in) {
        PublishRules.validateMessage(in.message(), in.subject(), in.attributes());
        Map<String, String> structure = structure(in);
        PublishRules.validateFifo(topic.fifo(), topic.contentBasedDeduplication(), in.groupId(), in.dedupId());
        String dedupId = topic.fifo() ? (in.dedupId() != null ? in.dedupId() : PublishRules.contentDedupId(in.message())) : null;
        Message m = new Message(UUID.randomUUID().toString(), topic.arn(), in.message(), structure, in.subject(), in.attributes(),
                Timestamps.format(clock.instant()), baseUrl, null, in.groupId(), dedupId);
        List<SubscriptionRecord> staged = new ArrayList<>();
        List<SubscriptionRecord> queues = new ArrayList<>();
        for (SubscriptionRecord s : subs) {
            if (!matches(s, m)) {
                continue;
            }
            (s.protocol() == Protocol.SQS ? queues : staged).add(s);
        }
        // FIFO topics deliver only to queues, so nothing is staged for them and the sequence number can be assigned late
        Deliveries.Staged prepared = deliveries.prepare(topic, staged, m);
        if (!topic.fifo() && prepared.isEmpty()) {
            deliveries.deliverToQueues(topic, queues, m);
            return new Published(m.messageId(), null);
        }
        long now = clock.millis();
        Object outcome = store.database().write(c -> {
            Message msg = m;
            if (topic.fifo()) {
                Optional<TopicStore.Duplicate> dup = store.findDuplicate(c, topic.arn(), dedupId, now);
                if (dup.isPresent()) {
                    return dup.get();
                }
                if ((now & 0x3F) == 0) {
                    store.purgeDedup(c, topic.arn(), now);
                }
                String seq = String.format("%020d", store.nextSequence(c, topic.arn()));
                store.recordDedup(c, topic.arn(), dedupId, m.messageId(), seq, now + DEDUP_WINDOW.toMillis());
                msg = withSequence(m, seq);
            }
            return new Staged(msg, deliveries.stage(c, prepared));
        });
        if (outcome instanceof TopicStore.Duplicate dup) {
            return new Published(dup.messageId(), dup.sequenceNumber());
        }
        Staged st = (Staged) outcome;
        if (st.jobs()) {
            deliveries.wake();
        }
        deliveries.deliverToQueues(topic, queues, st.message());
        return new Published(m.messageId(), st.message().sequenceNumber());
    }

    /** Whether the topic exists (for services that check the topics they are configured with). */
    boolean topicExists(String topicArn) {
        return store.findTopic(topicArn).isPresent();
    }

    /**
     * A publish by another service (S3 or SES notifications) on behalf of {@code senderAccount}: the
     * topic's owner, or allowed by the topic policy for that account or for a service principal with
     * matching {@code aws:SourceArn}/{@code aws:SourceAccount} conditions.
     */
    Published publishAsService(String topicArn, String senderAccount, String sourceArn, String subject, String message) {
        TopicRecord topic = store.findTopic(topicArn).orElseThrow(SnsException::topicNotFound);
        if (!topics.allowsServicePublish(topic, senderAccount, sourceArn)) {
            throw SnsException.authorization("The topic policy of " + topicArn + " does not allow " + sourceArn + " to publish");
        }
        if (topic.fifo()) {
            throw SnsException.invalidParameter("TopicArn Reason: services cannot publish to FIFO topics");
        }
        return publishToTopic(settings.serviceBaseUrl(), topic, store.confirmedOf(topic.arn()),
                new Input(message, subject, null, Map.of(), null, null));
    }

    private record Staged(Message message, boolean jobs) {
    }

    private static Message withSequence(Message m, String seq) {
        return new Message(m.messageId(), m.topicArn(), m.message(), m.structure(), m.subject(), m.attributes(), m.timestamp(),
                m.baseUrl(), seq, m.groupId(), m.dedupId());
    }

    private static Map<String, String> structure(Input in) {
        if (in.messageStructure() == null) {
            return null;
        }
        if (!in.messageStructure().equals("json")) {
            throw SnsException.invalidParameter("MessageStructure Reason: " + in.messageStructure() + " is not a valid value; only json is supported");
        }
        return PublishRules.structure(in.message());
    }

    private boolean matches(SubscriptionRecord s, Message m) {
        String policy = s.attributes().get("FilterPolicy");
        if (policy == null) {
            return true;
        }
        String scopeName = s.attributes().getOrDefault("FilterPolicyScope", "MessageAttributes");
        FilterPolicy f = filterCache.get(scopeName + "\u0000" + policy);
        if (f == null) {
            try {
                f = FilterPolicy.parse(policy, FilterPolicy.Scope.parse(scopeName), false);
            } catch (SnsException e) {
                LOG.warn("subscription {} has an invalid filter policy; nothing matches it: {}", s.arn(), e.getMessage());
                return false;
            }
            if (filterCache.size() > 10_000) {
                filterCache.clear();
            }
            filterCache.put(scopeName + "\u0000" + policy, f);
        }
        if (f.scope() == FilterPolicy.Scope.MessageBody) {
            String key = s.protocol() == Protocol.APPLICATION ? Deliveries.platformOf(s.endpoint()) : s.protocol().wire();
            return f.matchesBody(m.forProtocol(key));
        }
        return f.matchesAttributes(m.attributes());
    }

    // ---- direct publishes ----

    private Published publishSms(RequestContext ctx, String phoneNumber, Input in) {
        if (!PhoneNumbers.valid(phoneNumber)) {
            throw SnsException.invalidParameter("PhoneNumber Reason: " + phoneNumber + " is not valid to publish to");
        }
        PublishRules.validateMessage(in.message(), in.subject(), in.attributes());
        String messageId = UUID.randomUUID().toString();
        String phone = PhoneNumbers.normalize(phoneNumber);
        if (sms.optedOut(ctx.accountId(), ctx.region(), phone)) {
            LOG.info("SNS SMS {} to {} not sent: the number opted out", messageId, phone);
            return new Published(messageId, null);
        }
        String text = in.messageStructure() != null ? structure(in).getOrDefault("sms", structure(in).get("default")) : in.message();
        LOG.info("SNS SMS to {} (outbox): {}", phone, text);
        outbox.insert(new OutboxStore.Entry(0, ctx.accountId(), ctx.region(), "sms", phone, messageId, null, null, in.subject(), text,
                Deliveries.attributesJson(in.attributes()), "Sms", clock.millis()));
        return new Published(messageId, null);
    }

    private Published publishPush(RequestContext ctx, String endpointArn, Input in) {
        PlatformStore.Endpoint e = platform.findEndpoint(endpointArn)
                .orElseThrow(() -> SnsException.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified"));
        PlatformStore.App app = platform.findApp(e.appArn())
                .orElseThrow(() -> SnsException.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified"));
        if (!app.account().equals(ctx.accountId())) {
            throw SnsException.authorization("User: " + Arns.accountRoot(ctx.accountId()) + " is not authorized to perform: SNS:Publish on resource: " + endpointArn);
        }
        PublishRules.validateMessage(in.message(), in.subject(), in.attributes());
        if ("false".equalsIgnoreCase(app.attributes().get("Enabled"))) {
            throw new SnsException("PlatformApplicationDisabledException", "Platform application is disabled");
        }
        if (!e.enabled()) {
            throw new SnsException("EndpointDisabledException", "Endpoint is disabled");
        }
        String text = in.messageStructure() != null ? structure(in).getOrDefault(app.platform(), structure(in).get("default")) : in.message();
        String messageId = UUID.randomUUID().toString();
        LOG.info("SNS push to {} (outbox): {}", endpointArn, text);
        outbox.insert(new OutboxStore.Entry(0, ctx.accountId(), ctx.region(), "application", endpointArn, messageId, null, null,
                in.subject(), text, Deliveries.attributesJson(in.attributes()), "Push", clock.millis()));
        return new Published(messageId, null);
    }
}
