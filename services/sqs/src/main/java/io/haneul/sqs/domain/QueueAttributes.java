package io.haneul.sqs.domain;

import static io.haneul.sqs.domain.QueueAttributeNames.*;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A queue's settable attributes, validated and canonical (strings in, strings out), with the
 * defaults SQS fills in. Immutable: {@link #merge} returns a new value.
 *
 * <p>Why one value object: CreateQueue, SetQueueAttributes, GetQueueAttributes and CreateQueue's
 * idempotency check must agree on the same ranges, defaults and normal forms.
 */
public final class QueueAttributes {

    static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
    static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 1_048_576;
    static final int DEFAULT_MESSAGE_RETENTION_PERIOD = 345_600;
    static final int DEFAULT_KMS_DATA_KEY_REUSE_PERIOD = 300;

    private static final String SSE_CONFLICT =
            "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.";
    private static final String PER_GROUP_NEEDS_GROUP_SCOPE =
            "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup";

    private final boolean fifo;
    private final Map<String, String> values;

    private QueueAttributes(boolean fifo, Map<String, String> values) {
        this.fifo = fifo;
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : SETTABLE) {
            if (values.containsKey(name)) {
                ordered.put(name, values.get(name));
            }
        }
        this.values = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The attributes of a queue created without any. */
    public static QueueAttributes defaults(boolean fifo) {
        Map<String, String> m = new TreeMap<>();
        m.put(VISIBILITY_TIMEOUT, Integer.toString(DEFAULT_VISIBILITY_TIMEOUT));
        m.put(MAXIMUM_MESSAGE_SIZE, Integer.toString(DEFAULT_MAXIMUM_MESSAGE_SIZE));
        m.put(MESSAGE_RETENTION_PERIOD, Integer.toString(DEFAULT_MESSAGE_RETENTION_PERIOD));
        m.put(DELAY_SECONDS, "0");
        m.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
        m.put(SQS_MANAGED_SSE_ENABLED, "true");
        if (fifo) {
            m.put(FIFO_QUEUE, "true");
            m.put(CONTENT_BASED_DEDUPLICATION, "false");
            m.put(DEDUPLICATION_SCOPE, "queue");
            m.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
        }
        return new QueueAttributes(fifo, m);
    }

    /**
     * Validates CreateQueue's attributes over the defaults. The queue is FIFO when
     * {@code FifoQueue=true}, and its name must then (and only then) end in {@code .fifo}.
     *
     * @param requested  the request's attributes (null for none)
     * @param fifoByName whether the queue name ends in {@code .fifo}
     * @throws SqsException InvalidAttributeName, InvalidAttributeValue or InvalidParameterValue
     */
    public static QueueAttributes parseForCreate(Map<String, String> requested, boolean fifoByName) {
        Map<String, String> req = requested == null ? Map.of() : requested;
        boolean fifo = false;
        String fifoValue = req.get(FIFO_QUEUE);
        if (fifoValue != null) {
            if (!"true".equalsIgnoreCase(fifoValue)) {
                throw SqsException.unknownAttribute(FIFO_QUEUE);
            }
            fifo = true;
        }
        if (fifo && !fifoByName) {
            throw SqsException.invalidParameterValue(QueueName.FIFO_MESSAGE);
        }
        if (!fifo && fifoByName) {
            throw SqsException.invalidParameterValue(QueueName.STANDARD_MESSAGE);
        }
        Map<String, String> changes = new TreeMap<>(req);
        changes.remove(FIFO_QUEUE);
        return defaults(fifo).apply(changes);
    }

    /** Rebuilds attributes from {@link #asMap()} output, as stored; FIFO when {@code FifoQueue=true}. */
    public static QueueAttributes restore(Map<String, String> stored) {
        return new QueueAttributes("true".equals(stored.get(FIFO_QUEUE)), stored);
    }

    /**
     * SetQueueAttributes: these attributes with {@code changes} applied. An empty Policy,
     * RedrivePolicy, RedriveAllowPolicy or KmsMasterKeyId removes it. FifoQueue cannot change.
     *
     * @throws SqsException InvalidAttributeName, InvalidAttributeValue or InvalidParameterValue
     */
    public QueueAttributes merge(Map<String, String> changes) {
        Map<String, String> c = new TreeMap<>(changes == null ? Map.of() : changes);
        String fifoValue = c.remove(FIFO_QUEUE);
        if (fifoValue != null) {
            if (!fifo) {
                throw SqsException.unknownAttribute(FIFO_QUEUE);
            }
            if (!"true".equalsIgnoreCase(fifoValue)) {
                throw SqsException.invalidAttributeValue(FIFO_QUEUE);
            }
        }
        return apply(c);
    }

    private QueueAttributes apply(Map<String, String> changes) {
        for (String name : changes.keySet()) {
            checkSettable(name);
        }
        Map<String, String> m = new TreeMap<>(values);
        for (String name : SETTABLE) {
            String v = changes.get(name);
            if (v != null) {
                set(m, name, v);
            }
        }
        String kmsKey = changes.get(KMS_MASTER_KEY_ID);
        boolean kmsRequested = kmsKey != null && !kmsKey.isEmpty();
        boolean sqsSseRequested = "true".equals(m.get(SQS_MANAGED_SSE_ENABLED)) && changes.containsKey(SQS_MANAGED_SSE_ENABLED);
        if (kmsRequested && sqsSseRequested) {
            throw new SqsException(SqsError.InvalidAttributeName, SSE_CONFLICT);
        }
        if (kmsRequested) {
            m.put(SQS_MANAGED_SSE_ENABLED, "false");
            m.putIfAbsent(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, Integer.toString(DEFAULT_KMS_DATA_KEY_REUSE_PERIOD));
        } else if (sqsSseRequested) {
            m.remove(KMS_MASTER_KEY_ID);
            m.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
        }
        if (fifo && "perMessageGroupId".equals(m.get(FIFO_THROUGHPUT_LIMIT))
                && !"messageGroup".equals(m.get(DEDUPLICATION_SCOPE))) {
            throw SqsException.invalidParameterValue(PER_GROUP_NEEDS_GROUP_SCOPE);
        }
        return new QueueAttributes(fifo, m);
    }

    private void checkSettable(String name) {
        if (!SETTABLE.contains(name) || FIFO_QUEUE.equals(name)) {
            throw SqsException.unknownAttribute(name);
        }
        if (!fifo && FIFO_ONLY.contains(name)) {
            if (CONTENT_BASED_DEDUPLICATION.equals(name)) {
                throw SqsException.unknownAttribute(name);
            }
            throw new SqsException(SqsError.InvalidAttributeName,
                    "You can specify the " + name + " only when FifoQueue is set to true.");
        }
    }

    private static void set(Map<String, String> m, String name, String v) {
        switch (name) {
            case VISIBILITY_TIMEOUT -> m.put(name, AttributeValues.integer(name, v, 0, Limits.MAX_VISIBILITY_TIMEOUT));
            case MAXIMUM_MESSAGE_SIZE -> m.put(name, AttributeValues.integer(name, v, 1024, 1_048_576));
            case MESSAGE_RETENTION_PERIOD -> m.put(name, AttributeValues.integer(name, v, 60, 1_209_600));
            case DELAY_SECONDS -> m.put(name, AttributeValues.integer(name, v, 0, Limits.MAX_DELAY_SECONDS));
            case RECEIVE_MESSAGE_WAIT_TIME_SECONDS -> m.put(name, AttributeValues.integer(name, v, 0, Limits.MAX_WAIT_TIME_SECONDS));
            case KMS_DATA_KEY_REUSE_PERIOD_SECONDS -> m.put(name, AttributeValues.integer(name, v, 60, 86_400));
            case CONTENT_BASED_DEDUPLICATION, SQS_MANAGED_SSE_ENABLED -> m.put(name, AttributeValues.bool(name, v));
            case DEDUPLICATION_SCOPE -> m.put(name, AttributeValues.choice(name, v, Set.of("messageGroup", "queue")));
            case FIFO_THROUGHPUT_LIMIT -> m.put(name, AttributeValues.choice(name, v, Set.of("perQueue", "perMessageGroupId")));
            case POLICY -> putOrRemove(m, name, v.isEmpty() ? null : AttributeValues.policy(name, v));
            case REDRIVE_POLICY -> putOrRemove(m, name, v.isEmpty() ? null : RedrivePolicy.parse(v).toJson());
            case REDRIVE_ALLOW_POLICY -> putOrRemove(m, name, v.isEmpty() ? null : RedriveAllowPolicy.parse(v).toJson());
            case KMS_MASTER_KEY_ID -> {
                putOrRemove(m, name, v.isEmpty() ? null : v);
                if (v.isEmpty()) {
                    m.remove(KMS_DATA_KEY_REUSE_PERIOD_SECONDS);
                }
            }
            default -> throw SqsException.unknownAttribute(name);
        }
    }

    private static void putOrRemove(Map<String, String> m, String name, String canonical) {
        if (canonical == null) {
            m.remove(name);
        } else {
            m.put(name, canonical);
        }
    }

    /** The stored attributes, canonical, in listing order (what to persist; see {@link #restore}). */
    public Map<String, String> asMap() {
        return values;
    }

    /** Whether the queue is FIFO. */
    public boolean fifo() {
        return fifo;
    }

    /** Whether both hold exactly the same attributes. */
    public boolean sameAs(QueueAttributes other) {
        return other != null && fifo == other.fifo && values.equals(other.values);
    }

    /**
     * CreateQueue on an existing name: the request's attributes (validated, then compared only where
     * given) must match this queue's, else {@code QueueNameExists} naming the first that differs.
     */
    public void checkCreateIdempotent(Map<String, String> requested) {
        Map<String, String> req = requested == null ? Map.of() : requested;
        QueueAttributes asked = parseForCreate(req, fifo);
        for (String name : SETTABLE) {
            if (req.containsKey(name) && !java.util.Objects.equals(asked.values.get(name), values.get(name))) {
                throw SqsException.queueNameExists(name);
            }
        }
    }

    /**
     * GetQueueAttributes: the requested attributes ({@code All} for every one), read-only ones
     * computed from {@code runtime}; names the queue lacks (e.g. an unset Policy) are left out.
     *
     * @throws SqsException InvalidAttributeName "Unknown Attribute X." for a name SQS does not know
     */
    public Map<String, String> select(Collection<String> names, QueueRuntime runtime) {
        if (names == null || names.isEmpty()) {
            return Map.of();
        }
        for (String n : names) {
            if (!isKnown(n)) {
                throw SqsException.unknownAttribute(n);
            }
        }
        Map<String, String> all = new LinkedHashMap<>(runtime.asMap());
        all.putAll(values);
        if (names.contains(ALL)) {
            return all;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            String v = all.get(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }

    public int visibilityTimeout() {
        return intValue(VISIBILITY_TIMEOUT, DEFAULT_VISIBILITY_TIMEOUT);
    }

    public int maximumMessageSize() {
        return intValue(MAXIMUM_MESSAGE_SIZE, DEFAULT_MAXIMUM_MESSAGE_SIZE);
    }

    public int messageRetentionPeriod() {
        return intValue(MESSAGE_RETENTION_PERIOD, DEFAULT_MESSAGE_RETENTION_PERIOD);
    }

    public int delaySeconds() {
        return intValue(DELAY_SECONDS, 0);
    }

    public int receiveMessageWaitTimeSeconds() {
        return intValue(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, 0);
    }

    public boolean contentBasedDeduplication() {
        return "true".equals(values.get(CONTENT_BASED_DEDUPLICATION));
    }

    /** {@code true} when FIFO deduplication is scoped to the message group, not the queue. */
    public boolean deduplicationPerMessageGroup() {
        return "messageGroup".equals(values.get(DEDUPLICATION_SCOPE));
    }

    public Optional<String> policy() {
        return Optional.ofNullable(values.get(POLICY));
    }

    public Optional<RedrivePolicy> redrivePolicy() {
        return Optional.ofNullable(values.get(REDRIVE_POLICY)).map(RedrivePolicy::parse);
    }

    /** The queue's RedriveAllowPolicy, {@link RedriveAllowPolicy#ALLOW_ALL} when unset. */
    public RedriveAllowPolicy redriveAllowPolicy() {
        String v = values.get(REDRIVE_ALLOW_POLICY);
        return v == null ? RedriveAllowPolicy.ALLOW_ALL : RedriveAllowPolicy.parse(v);
    }

    private int intValue(String name, int dflt) {
        String v = values.get(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueAttributes other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + Boolean.hashCode(fifo);
    }

    @Override
    public String toString() {
        return "QueueAttributes" + values;
    }
}
