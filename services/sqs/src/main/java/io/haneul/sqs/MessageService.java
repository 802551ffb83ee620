package io.haneul.sqs;

import io.haneul.core.engine.RequestContext;
import io.haneul.sqs.domain.Limits;
import io.haneul.sqs.domain.MessageChecksums;
import io.haneul.sqs.domain.MessageValidation;
import io.haneul.sqs.domain.QueueAttributes;
import io.haneul.sqs.domain.ReceiptHandle;
import io.haneul.sqs.domain.ReceiptHandleCodec;
import io.haneul.sqs.domain.SendInput;
import io.haneul.sqs.domain.SqsException;
import io.haneul.sqs.domain.ValidatedSend;
import io.haneul.sqs.store.NewMessage;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.QueueWakeups;
import io.haneul.sqs.store.SendOutcome;
import io.haneul.sqs.store.SqlQueueStore;
import io.haneul.sqs.store.StoredMessage;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sending, receiving (with long polls), deleting and hiding messages: the domain's rules applied
 * to the store. Every change is committed before it is acknowledged.
 */
final class MessageService {

    static final long DEDUP_WINDOW_MS = 5 * 60_000;
    static final long ATTEMPT_WINDOW_MS = 5 * 60_000;
    private static final java.util.regex.Pattern ATTEMPT_ID = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final SqlQueueStore store;
    private final QueueService queues;
    private final QueueWakeups wakeups;
    private final ReceiptHandleCodec handles;
    private final Clock clock;
    /** Per FIFO queue id, the message group the last receive ended on: the next receive starts there, as AWS's does. */
    private final java.util.concurrent.ConcurrentMap<Long, String> servingGroup = new java.util.concurrent.ConcurrentHashMap<>();

    private final io.haneul.core.spi.EventFeed events;

    MessageService(SqlQueueStore store, QueueService queues, QueueWakeups wakeups, ReceiptHandleCodec handles, Clock clock) {
        this(store, queues, wakeups, handles, clock, io.haneul.core.spi.EventFeed.NONE);
    }

    /** @param events the console's live feed: told of every send and delete */
    MessageService(SqlQueueStore store, QueueService queues, QueueWakeups wakeups, ReceiptHandleCodec handles, Clock clock,
                   io.haneul.core.spi.EventFeed events) {
        this.events = events;
        this.store = store;
        this.queues = queues;
        this.wakeups = wakeups;
        this.handles = handles;
        this.clock = clock;
    }

    /** One message to send, as the provider received it. */
    record Outgoing(String body, Integer delaySeconds, Map<String, MessageAttributeValue> attributes,
                    Map<String, MessageSystemAttributeValue> systemAttributes, String groupId, String dedupId) {

        SendInput input() {
            return new SendInput(body, delaySeconds, SqsMapping.user(attributes), SqsMapping.system(systemAttributes),
                    groupId, dedupId);
        }
    }

    /** A send's answer: its ids and checksums. */
    record Sent(String messageId, String sequenceNumber, ValidatedSend checks) {
    }

    /** Validates a message against the queue; throws the domain's error for bad input. */
    ValidatedSend validate(QueueRecord q, Outgoing m) {
        return MessageValidation.validateSend(m.input(), QueueAttributes.restore(q.attributes()));
    }

    /** Enqueues already validated messages in one transaction, in order. */
    List<Sent> send(RequestContext ctx, QueueRecord q, List<Outgoing> messages, List<ValidatedSend> checks,
                    MessageAttributeJson attributeJson) {
        return send(ctx.accessKeyId() != null ? ctx.accessKeyId() : ctx.accountId(), q, messages, checks, attributeJson);
    }

    /** Enqueues already validated messages in one transaction, in order, as {@code senderId}. */
    List<Sent> send(String senderId, QueueRecord q, List<Outgoing> messages, List<ValidatedSend> checks,
                    MessageAttributeJson attributeJson) {
        long now = clock.millis();
        List<NewMessage> rows = new ArrayList<>(messages.size());
        QueueAttributes attrs = QueueAttributes.restore(q.attributes());
        for (int i = 0; i < messages.size(); i++) {
            Outgoing m = messages.get(i);
            ValidatedSend v = checks.get(i);
            String dedupKey = v.deduplicationId() == null ? null
                    : attrs.deduplicationPerMessageGroup() ? v.messageGroupId() + " " + v.deduplicationId() : v.deduplicationId();
            rows.add(new NewMessage(io.haneul.core.engine.FastIds.uuid(), m.body(), attributeJson.write(m.attributes(), m.systemAttributes()),
                    v.md5OfBody(), v.md5OfAttributes(), v.md5OfSystemAttributes(), now, now + v.delaySeconds() * 1000L,
                    v.messageGroupId(), v.deduplicationId(), dedupKey, senderId, null));
        }
        List<SendOutcome> outcomes;
        try {
            outcomes = store.send(q, rows, DEDUP_WINDOW_MS);
        } catch (io.haneul.sqs.store.QueueGoneException e) {
            throw SqsException.queueDoesNotExist(); // deleted on another node after this one looked it up
        }
        wakeups.messageArrived(q.id());
        events.publish("sqs", "message.sent", q.account(), Map.of("queue", q.name(), "region", q.region(), "count", outcomes.size()));
        List<Sent> sent = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            sent.add(new Sent(outcomes.get(i).messageId(), outcomes.get(i).sequenceNumber(), checks.get(i)));
        }
        return sent;
    }

    /** A received message with its new receipt handle. */
    record Delivered(StoredMessage message, String receiptHandle) {
    }

    List<Delivered> receive(QueueRecord q, Integer maxMessages, Integer visibilityTimeout, Integer waitTimeSeconds)
            throws InterruptedException {
        return receive(q, maxMessages, visibilityTimeout, waitTimeSeconds, null);
    }

    /** A receive; on FIFO queues a retry with the same {@code attemptId} within 5 minutes answers the same messages. */
    List<Delivered> receive(QueueRecord q, Integer maxMessages, Integer visibilityTimeout, Integer waitTimeSeconds,
                            String attemptId) throws InterruptedException {
        if (attemptId != null && !ATTEMPT_ID.matcher(attemptId).matches()) {
            throw SqsException.invalidParameter("ReceiveRequestAttemptId", attemptId,
                    "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        QueueAttributes attrs = QueueAttributes.restore(q.attributes());
        int max = maxMessages == null ? 1 : Limits.maxNumberOfMessages(maxMessages);
        int visibility = visibilityTimeout == null ? attrs.visibilityTimeout() : Limits.visibilityTimeout(visibilityTimeout);
        int wait = waitTimeSeconds == null ? attrs.receiveMessageWaitTimeSeconds() : Limits.waitTimeSeconds(waitTimeSeconds);
        Optional<QueueRecord> dlq = queues.deadLetterQueue(q);
        int maxReceives = attrs.redrivePolicy().map(p -> p.maxReceiveCount()).orElse(Integer.MAX_VALUE);
        long deadline = clock.millis() + wait * 1000L;
        SqlQueueStore.ReceivePlan plan = new SqlQueueStore.ReceivePlan() {
            @Override
            public List<StoredMessage> choose(List<StoredMessage> candidates, Set<String> groupsInFlight) {
                return q.fifo() ? fifoOrder(candidates, groupsInFlight, servingGroup.get(q.id())) : candidates;
            }

            @Override
            public int maxReceiveCount() {
                return maxReceives;
            }

            @Override
            public boolean waits(long now) {
                return now < deadline;
            }
        };
        while (true) {
            long version = wakeups.version(q.id());
            long now = clock.millis();
            SqlQueueStore.Received got = store.receive(q, max, visibility * 1000L, now,
                    attrs.messageRetentionPeriod() * 1000L, plan, dlq.orElse(null), () -> java.util.concurrent.ThreadLocalRandom.current().nextLong(), attemptId, ATTEMPT_WINDOW_MS);
            if (!got.deadLettered().isEmpty()) {
                wakeups.messageArrived(dlq.orElseThrow().id());
            }
            if (!got.messages().isEmpty() || now >= deadline) {
                if (q.fifo() && !got.messages().isEmpty()) {
                    servingGroup.put(q.id(), got.messages().getLast().groupId());
                }
                List<Delivered> out = new ArrayList<>(got.messages().size());
                for (StoredMessage m : got.messages()) {
                    out.add(new Delivered(m, handles.encode(new ReceiptHandle(q.id(), m.rowId(), m.messageId(), m.nonce()))));
                }
                return out;
            }
            long until = Math.min(deadline, got.nextVisibleAt());
            wakeups.await(q.id(), version, Math.max(1, until - now));
        }
    }

    /**
     * FIFO: none from a group with a message in flight; the others group by group, as AWS returns
     * "as many messages with the same message group ID as possible": first the group the last receive
     * was serving ({@code serving}, null if none), then the groups in the order of their oldest
     * message, each in its own order.
     */
    static List<StoredMessage> fifoOrder(List<StoredMessage> candidates, Set<String> groupsInFlight, String serving) {
        Map<String, List<StoredMessage>> byGroup = new java.util.LinkedHashMap<>();
        if (serving != null && !groupsInFlight.contains(serving)) {
            byGroup.put(serving, new ArrayList<>());
        }
        for (StoredMessage m : candidates) {
            if (!groupsInFlight.contains(m.groupId())) {
                byGroup.computeIfAbsent(m.groupId(), g -> new ArrayList<>()).add(m);
            }
        }
        List<StoredMessage> out = new ArrayList<>();
        byGroup.values().forEach(out::addAll);
        return out;
    }

    void delete(QueueRecord q, String receiptHandle) {
        ReceiptHandle h = handles.decodeFor(receiptHandle, q.id());
        boolean deleted = store.deleteMessage(q.id(), h.rowId(), h.messageId());
        if (deleted && q.fifo()) {
            // Deleting a FIFO message may unblock its group: wake long polls waiting on it.
            wakeups.messageArrived(q.id());
        }
        if (deleted) {
            events.publish("sqs", "message.deleted", q.account(), Map.of("queue", q.name(), "region", q.region(), "count", 1));
        }
    }

    /** Deletes several messages in one transaction; returns the failure of each entry, or null. */
    List<SqsException> deleteBatch(QueueRecord q, List<String> receiptHandles) {
        long[] rows = new long[receiptHandles.size()];
        String[] ids = new String[receiptHandles.size()];
        List<SqsException> failures = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            try {
                ReceiptHandle h = handles.decodeFor(receiptHandles.get(i), q.id());
                rows[i] = h.rowId();
                ids[i] = h.messageId();
                failures.add(null);
            } catch (SqsException e) {
                rows[i] = -1;
                failures.add(e);
            }
        }
        boolean[] deleted = store.deleteMessages(q.id(), rows, ids);
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 1 : 0;
        }
        if (count > 0) {
            events.publish("sqs", "message.deleted", q.account(), Map.of("queue", q.name(), "region", q.region(), "count", count));
        }
        if (q.fifo()) {
            for (boolean d : deleted) {
                if (d) {
                    wakeups.messageArrived(q.id());
                    break;
                }
            }
        }
        return failures;
    }

    void changeVisibility(QueueRecord q, String receiptHandle, Integer seconds) {
        if (seconds == null) {
            throw SqsException.missingParameter("VisibilityTimeout");
        }
        int s = Limits.visibilityTimeout(seconds);
        ReceiptHandle h = handles.decodeFor(receiptHandle, q.id());
        Instant now = clock.instant();
        long firstReceive = store.receivedAt(h.rowId());
        Instant until = firstReceive == 0 ? now.plusSeconds(s)
                : Limits.extendVisibility(Instant.ofEpochMilli(firstReceive), now, s);
        switch (store.changeVisibility(q.id(), h.rowId(), h.messageId(), h.nonce(), now.toEpochMilli(), until.toEpochMilli())) {
            case CHANGED -> {
                if (s == 0) {
                    wakeups.messageArrived(q.id());
                }
            }
            case NOT_IN_FLIGHT, GONE -> throw SqsException.messageNotInflight();
            case STALE_HANDLE -> throw SqsException.invalidParameterValue("Value " + receiptHandle
                    + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
        }
    }

    static String md5OfSelected(Map<String, MessageAttributeValue> selected) {
        return selected.isEmpty() ? null : MessageChecksums.md5OfAttributes(SqsMapping.user(selected));
    }
}
