package io.haneul.sns;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The last delivery attempts of each topic, kept in this node's memory for inspection (the console's
 * delivery log, {@code GET /_haneul/sns/deliveries}): one entry per attempt to a queue, an HTTP/S
 * endpoint, a function or a mailbox, with its outcome. Bounded so that a busy server holds a fixed
 * amount: the newest {@value #PER_TOPIC} attempts of a topic, of the {@value #TOPICS} topics delivered
 * to most recently, of which one account holds at most {@value #TOPICS_PER_ACCOUNT} (an account that
 * delivers to many topics forgets its own oldest, not another account's); an endpoint (a URL, a mail
 * address) and a detail are kept to their first {@value #MAX_TEXT} characters. Nothing here is durable
 * or shared between nodes: it is what this node tried since it started, which is what a developer
 * watching a delivery wants.
 */
final class DeliveryLog {

    static final int PER_TOPIC = 200;
    static final int TOPICS = 1_000;
    static final int TOPICS_PER_ACCOUNT = 100;
    static final int MAX_TEXT = 256;

    /** What became of one attempt. */
    enum Outcome {
        /** the endpoint took it (2xx, the queue holds it, the function was invoked, the mail was sent) */
        DELIVERED,
        /** it failed and will be tried again ({@link Attempt#retryAt}) */
        RETRYING,
        /** the endpoint refused it (an answer SNS does not retry, a missing queue, an address not allowed) */
        REFUSED,
        /** it failed and the retry policy has no retries left */
        FAILED
    }

    /**
     * One attempt.
     *
     * @param statusCode the HTTP status the endpoint answered, or 0 when there was no HTTP answer
     * @param detail     what happened in fixed words (never what the endpoint sent): the failure, and where a
     *                   message that was given up on went (dead-letter queue, or dropped)
     * @param retryAt    when the next attempt is due (epoch millis), or 0
     */
    record Attempt(long sequence, long time, String account, String topicArn, String subscriptionArn, String protocol,
                   String endpoint, String messageId, int attempt, Outcome outcome, int statusCode, String detail, long retryAt) {
    }

    /** One topic's attempts, newest last, and the account they count against. */
    private record TopicLog(String account, Deque<Attempt> attempts) {
    }

    private final Clock clock;
    private final Consumer<Attempt> listener;
    private final Map<String, Integer> topicsOfAccount = new HashMap<>();
    private final Map<String, TopicLog> byTopic = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TopicLog> eldest) {
            if (size() <= TOPICS) {
                return false;
            }
            forgotten(eldest.getValue());
            return true;
        }
    };
    private long sequence;

    /** @param listener told of every attempt recorded (the live feed); must not block */
    DeliveryLog(Clock clock, Consumer<Attempt> listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Records an attempt ({@code attempt} counts from 1) and returns it. */
    Attempt record(String account, String topicArn, String subscriptionArn, String protocol, String endpoint, String messageId,
                   int attempt, Outcome outcome, int statusCode, String detail, long retryAt) {
        Attempt a;
        synchronized (byTopic) {
            a = new Attempt(++sequence, clock.millis(), account, topicArn, subscriptionArn, protocol, cut(endpoint), messageId, attempt,
                    outcome, statusCode, cut(detail), retryAt);
            Deque<Attempt> log = topicLog(account, topicArn).attempts();
            log.addLast(a);
            if (log.size() > PER_TOPIC) {
                log.removeFirst();
            }
        }
        listener.accept(a);
        return a;
    }

    /** The topic's log, begun when it has none: then the account's least recently delivered topic beyond its share is forgotten. */
    private TopicLog topicLog(String account, String topicArn) {
        TopicLog log = byTopic.get(topicArn);
        if (log != null) {
            return log;
        }
        if (topicsOfAccount.getOrDefault(account, 0) >= TOPICS_PER_ACCOUNT) {
            for (Iterator<TopicLog> eldestFirst = byTopic.values().iterator(); eldestFirst.hasNext(); ) {
                TopicLog other = eldestFirst.next();
                if (Objects.equals(other.account(), account)) {
                    eldestFirst.remove();
                    forgotten(other);
                    break;
                }
            }
        }
        log = new TopicLog(account, new ArrayDeque<>());
        topicsOfAccount.merge(account, 1, Integer::sum);
        byTopic.put(topicArn, log);
        return log;
    }

    private void forgotten(TopicLog log) {
        topicsOfAccount.computeIfPresent(log.account(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** The first {@value #MAX_TEXT} characters (an ellipsis last where there were more), or null. */
    static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * The newest attempts first, at most {@code limit}: of one topic (or every topic when null), of one
     * subscription (or all when null), of one account (or all when null).
     */
    List<Attempt> list(String topicArn, String subscriptionArn, String account, int limit) {
        List<Attempt> out = new ArrayList<>();
        synchronized (byTopic) {
            List<TopicLog> logs = topicArn != null ? (byTopic.containsKey(topicArn) ? List.of(byTopic.get(topicArn)) : List.of())
                    : List.copyOf(byTopic.values());
            for (TopicLog log : logs) {
                for (Attempt a : log.attempts()) {
                    if ((subscriptionArn == null || subscriptionArn.equals(a.subscriptionArn()))
                            && (account == null || account.equals(a.account()))) {
                        out.add(a);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(Attempt::sequence).reversed());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
