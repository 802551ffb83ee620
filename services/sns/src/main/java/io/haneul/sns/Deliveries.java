package io.haneul.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.EmailDelivery;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.sns.domain.Arns;
import io.haneul.sns.domain.DeliveryPolicy;
import io.haneul.sns.domain.Envelope;
import io.haneul.sns.domain.MessageAttributes;
import io.haneul.sns.domain.Protocol;
import io.haneul.sns.domain.RedrivePolicy;
import io.haneul.sns.domain.RetryPolicy;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.SubscriptionRecord;
import io.haneul.sns.store.TopicRecord;
import io.haneul.sns.store.TopicStore;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Delivers published messages to subscriptions.
 *
 * <p><b>SQS</b> subscriptions are delivered synchronously by the publishing request, right after
 * its own (small) transaction, through SQS's {@link QueueDelivery}: a Publish is acknowledged only
 * once every subscribed queue holds the message (the durability SendMessage gives), FIFO topics
 * keep their order into FIFO queues without any cross-job ordering, and the fan-out costs one SQS
 * write per queue and no scheduler traffic (for a standard topic the queues are written in
 * parallel, so their commits share SQLite's group commit). That is what lets a publish reach ten
 * queues within the throughput goal. A delivery that fails for an unexpected reason (e.g. storage)
 * becomes a durable retry job; one the queue refuses (missing, denied, invalid) goes to the
 * subscription's dead-letter queue.
 *
 * <p><b>HTTP/S</b> deliveries never block Publish: each is a durable job ({@value DeliveryJobs#DELIVER})
 * committed in the publish transaction and run by the shared scheduler, retried by the effective
 * DeliveryPolicy (only no answer, 429 and 5xx are retried; other statuses are the endpoint refusing)
 * and dead-lettered by the RedrivePolicy when retries run out; {@link HttpSender} connects only to
 * addresses {@code --sns-http-allow} allows, and a refused address is dead-lettered at once
 * ({@code EndpointNotAllowed}). <b>email, email-json, sms,
 * application, firehose</b> deliveries (and lambda ones while Lambda is not enabled) are outbox rows
 * written in the publish transaction;
 * <b>email and email-json</b> ones (and their SubscriptionConfirmations) are also mailed through
 * SES's {@link EmailDelivery} when SES is enabled, by a durable job ({@value DeliveryJobs#EMAIL})
 * committed in the same transaction, so Publish never waits on mail. <b>lambda</b> ones are likewise
 * handed to Lambda's {@link FunctionInvoker} as Event invocations by a durable job
 * ({@value DeliveryJobs#LAMBDA}) when Lambda is enabled.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sender of SNS's mail, as on AWS. */
    static final String MAIL_FROM = "no-reply@sns.amazonaws.com";
    /** The subject of a notification mail published without one, as on AWS. */
    static final String DEFAULT_SUBJECT = "AWS Notification Message";
    static final String CONFIRMATION_SUBJECT = "AWS Notification - Subscription Confirmation";

    private final TopicStore store;
    private final OutboxStore outbox;
    private final DurableScheduler scheduler;
    private final MessageSigner signer;
    private final SnsSettings settings;
    private final Clock clock;
    private final Supplier<Optional<QueueDelivery>> queues;
    private final Supplier<Optional<EmailDelivery>> mail;
    private final Supplier<Optional<FunctionInvoker>> functions;
    private final HttpSender http;
    private final DeliveryLog log;
    private final Map<String, Long> nextSlotNanos = new ConcurrentHashMap<>();

    Deliveries(TopicStore store, OutboxStore outbox, DurableScheduler scheduler, MessageSigner signer, SnsSettings settings,
               Clock clock, Supplier<Optional<QueueDelivery>> queues, Supplier<Optional<EmailDelivery>> mail,
               Supplier<Optional<FunctionInvoker>> functions, DeliveryLog log) {
        this.store = store;
        this.log = log;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.queues = queues;
        this.mail = mail;
        this.functions = functions;
        this.http = new HttpSender(settings.httpRule());
        scheduler.register(DeliveryJobs.DELIVER, this::runDeliver);
        scheduler.register(DeliveryJobs.CONFIRM, this::runConfirm);
        scheduler.register(DeliveryJobs.EMAIL, this::runEmail);
        scheduler.register(DeliveryJobs.LAMBDA, this::runLambda);
    }

    String certUrl(String baseUrl) {
        return baseUrl + signer.certificatePath();
    }

    // ---- publish-time fan-out ----

    /** What a publish writes in its transaction: outbox rows, HTTP/S delivery jobs and mail jobs, prepared beforehand. */
    record Staged(List<OutboxStore.Entry> outbox, List<DeliveryJobs.Deliver> jobs, List<DeliveryJobs.Email> mails,
                  List<DeliveryJobs.Lambda> invocations) {
        boolean isEmpty() {
            return outbox.isEmpty() && jobs.isEmpty() && mails.isEmpty() && invocations.isEmpty();
        }
    }

    /**
     * Prepares, outside any transaction (envelopes are signed here, not on the store's writer),
     * the outbox rows for carrier-less protocols and a job per HTTP/S subscription.
     */
    Staged prepare(TopicRecord topic, List<SubscriptionRecord> subs, Message m) {
        List<OutboxStore.Entry> rows = new ArrayList<>();
        List<DeliveryJobs.Deliver> jobs = new ArrayList<>();
        List<DeliveryJobs.Email> mails = new ArrayList<>();
        List<DeliveryJobs.Lambda> invocations = new ArrayList<>();
        Boolean mailing = null;
        boolean invoking = subs.stream().anyMatch(s -> s.protocol() == Protocol.LAMBDA) && functions.get().isPresent();
        for (SubscriptionRecord s : subs) {
            if (s.protocol().http()) {
                jobs.add(new DeliveryJobs.Deliver(s.arn(), 0, m));
            } else if (s.protocol() == Protocol.LAMBDA && invoking) {
                invocations.add(new DeliveryJobs.Lambda(s.arn(), s.endpoint(), topic.arn(), lambdaEvent(topic, s, m)));
            } else if (s.protocol().outbox()) {
                OutboxStore.Entry row = outboxEntry(topic, s, m);
                rows.add(row);
                if (s.protocol() == Protocol.EMAIL || s.protocol() == Protocol.EMAIL_JSON) {
                    if (mailing == null) {
                        mailing = mail.get().isPresent();
                    }
                    if (mailing) {
                        mails.add(new DeliveryJobs.Email(topic.account(), topic.region(), s.arn(), "Notification", s.endpoint(),
                                m.subject() != null ? m.subject() : DEFAULT_SUBJECT, row.message()));
                    }
                }
            }
        }
        return new Staged(rows, jobs, mails, invocations);
    }

    /** Inside the publish transaction: writes what {@link #prepare} made. Returns whether jobs were scheduled. */
    boolean stage(Connection c, Staged staged) throws SQLException {
        for (OutboxStore.Entry e : staged.outbox()) {
            outbox.insert(c, e);
        }
        for (DeliveryJobs.Deliver d : staged.jobs()) {
            scheduler.schedule(c, DeliveryJobs.DELIVER, d.subscriptionArn(), DeliveryJobs.write(d), clock.instant());
        }
        for (DeliveryJobs.Email e : staged.mails()) {
            scheduleEmail(c, e);
        }
        for (DeliveryJobs.Lambda l : staged.invocations()) {
            scheduler.schedule(c, DeliveryJobs.LAMBDA, l.subscriptionArn(), DeliveryJobs.write(l), clock.instant());
        }
        return !staged.jobs().isEmpty() || !staged.mails().isEmpty() || !staged.invocations().isEmpty();
    }

    void wake() {
        scheduler.wake();
    }

    /** Delivers to SQS subscriptions now; FIFO topics in order, standard topics in parallel. */
    void deliverToQueues(TopicRecord topic, List<SubscriptionRecord> subs, Message m) {
        if (subs.isEmpty()) {
            return;
        }
        if (topic.fifo() || subs.size() == 1) {
            subs.forEach(s -> deliverToQueue(topic, s, m, 0));
            return;
        }
        List<Thread> threads = new ArrayList<>(subs.size());
        for (SubscriptionRecord s : subs) {
            threads.add(Thread.ofVirtual().name("sns-sqs-fanout").start(() -> deliverToQueue(topic, s, m, 0)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliverToQueue(TopicRecord topic, SubscriptionRecord s, Message m, int attempts) {
        String body = s.raw() ? m.forProtocol("sqs") : notification(topic, s, m, "sqs");
        Map<String, QueueDelivery.Attribute> attrs = s.raw() ? sqsAttributes(m.attributes()) : Map.of();
        Arns.QueueArn q = Arns.queue(s.endpoint()).orElseThrow();
        String group = q.fifo() ? m.groupId() : null;
        String dedup = q.fifo() ? fifoDedupId(m) : null;
        try {
            QueueDelivery d = queues.get().orElseThrow(() -> new QueueDelivery.QueueDeliveryException("ServiceDisabled",
                    "SQS is not enabled on this server"));
            d.deliver(s.endpoint(), topic.account(), topic.arn(), body, attrs, group, dedup);
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.DELIVERED, 0, null, 0);
        } catch (QueueDelivery.QueueDeliveryException e) {
            LOG.info("SNS delivery of {} to {} refused by SQS: {} {}", m.messageId(), s.endpoint(), e.code(), e.getMessage());
            String fate = deadLetter(topic, s, m, body, attrs, e.code(), e.getMessage());
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.REFUSED, 0, e.code() + ": " + e.getMessage() + "; " + fate, 0);
        } catch (RuntimeException e) {
            retryLater(topic, s, m, attempts, RetryPolicy.SQS_LAMBDA, body, attrs, e.toString(), 0);
        }
    }

    private static String fifoDedupId(Message m) {
        return m.dedupId() != null ? m.dedupId() : m.messageId();
    }

    private static Map<String, QueueDelivery.Attribute> sqsAttributes(Map<String, MessageAttributes.Attribute> attributes) {
        Map<String, QueueDelivery.Attribute> out = new LinkedHashMap<>();
        attributes.forEach((k, a) -> out.put(k, new QueueDelivery.Attribute(a.dataType(), a.binary() ? null : a.stringValue(),
                a.binary() ? a.binaryValue() : null)));
        return out;
    }

    // ---- envelopes ----

    String notification(TopicRecord topic, SubscriptionRecord s, Message m, String protocolKey) {
        Envelope.Notification n = new Envelope.Notification(m.messageId(), topic.arn(), m.subject(), m.forProtocol(protocolKey),
                m.timestamp(), SnsSettings.unsubscribeUrl(m.baseUrl(), s.arn()), m.attributes(), m.sequenceNumber());
        return Envelope.notification(n, topic.signatureVersion(), topic.fifo() ? null : certUrl(m.baseUrl()), signer);
    }

    private OutboxStore.Entry outboxEntry(TopicRecord topic, SubscriptionRecord s, Message m) {
        String key = s.protocol() == Protocol.APPLICATION ? platformOf(s.endpoint()) : s.protocol().wire();
        String body = switch (s.protocol()) {
            case EMAIL_JSON -> notification(topic, s, m, key);
            case FIREHOSE -> s.raw() ? m.forProtocol(key) : notification(topic, s, m, key);
            case LAMBDA -> lambdaEvent(topic, s, m);
            default -> m.forProtocol(key);
        };
        LOG.info("SNS {} delivery to {} (outbox): {}", s.protocol().wire(), s.endpoint(), abbreviate(body));
        return new OutboxStore.Entry(0, topic.account(), topic.region(), s.protocol().wire(), s.endpoint(), m.messageId(),
                topic.arn(), s.arn(), m.subject(), body, attributesJson(m.attributes()), "Notification", clock.millis());
    }

    static String platformOf(String endpointArn) {
        String resource = Arns.parse(endpointArn).map(Arns.SnsArn::resource).orElse("");
        String[] parts = resource.split("/");
        return parts.length > 1 ? parts[1] : "default";
    }

    private String lambdaEvent(TopicRecord topic, SubscriptionRecord s, Message m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode rec = root.putArray("Records").addObject();
        rec.put("EventSource", "aws:sns");
        rec.put("EventVersion", "1.0");
        rec.put("EventSubscriptionArn", s.arn());
        ObjectNode sns = rec.putObject("Sns");
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(notification(topic, s, m, "lambda"));
            n.fields().forEachRemaining(e -> {
                String k = e.getKey().equals("SigningCertURL") ? "SigningCertUrl" : e.getKey().equals("UnsubscribeURL") ? "UnsubscribeUrl" : e.getKey();
                sns.set(k, e.getValue());
            });
            if (!sns.has("Subject")) {
                sns.putNull("Subject");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return root.toString();
    }

    static String attributesJson(Map<String, MessageAttributes.Attribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        ObjectNode o = JSON.createObjectNode();
        attributes.forEach((k, a) -> o.putObject(k).put("Type", a.dataType())
                .put("Value", a.binary() ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue()));
        return o.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    // ---- jobs ----

    private void runDeliver(Job job) {
        DeliveryJobs.Deliver d = DeliveryJobs.read(job.payload(), DeliveryJobs.Deliver.class);
        Optional<SubscriptionRecord> sub = store.findSubscription(d.subscriptionArn());
        Optional<TopicRecord> topic = sub.flatMap(s -> store.findTopic(s.topicArn()));
        if (sub.isEmpty() || topic.isEmpty() || sub.get().pending()) {
            LOG.info("SNS message {} dropped: subscription {} is gone", d.message().messageId(), d.subscriptionArn());
            return;
        }
        SubscriptionRecord s = sub.get();
        if (s.protocol() == Protocol.SQS) {
            deliverToQueue(topic.get(), s, d.message(), d.attempts());
        } else if (s.protocol().http()) {
            deliverHttp(topic.get(), s, d.message(), d.attempts());
        }
    }

    private void deliverHttp(TopicRecord topic, SubscriptionRecord s, Message m, int attempts) {
        DeliveryPolicy policy = DeliveryPolicy.effective(topic.attributes().get("DeliveryPolicy"), s.attributes().get("DeliveryPolicy"));
        String body = s.raw() ? m.forProtocol(s.protocol().wire()) : notification(topic, s, m, s.protocol().wire());
        throttle(s.arn(), policy.maxReceivesPerSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", "Notification");
        headers.put("x-amz-sns-message-id", m.messageId());
        headers.put("x-amz-sns-topic-arn", topic.arn());
        headers.put("x-amz-sns-subscription-arn", s.arn());
        if (s.raw()) {
            headers.put("x-amz-sns-rawdelivery", "true");
        }
        HttpSender.Outcome outcome = http.post(s.endpoint(), policy.headerContentType(), headers, body);
        int status = Math.max(0, outcome.status());
        if (outcome.delivered()) {
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.DELIVERED, status, null, 0);
            return;
        }
        Map<String, QueueDelivery.Attribute> dlqAttrs = s.raw() ? sqsAttributes(m.attributes()) : Map.of();
        if (outcome.denied()) {
            LOG.warn("SNS delivery of {} to {} refused: not allowed by --sns-http-allow '{}'", m.messageId(), s.endpoint(),
                    settings.httpRule().spec());
            String fate = deadLetter(topic, s, m, body, dlqAttrs, "EndpointNotAllowed", outcome.failure());
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.REFUSED, 0, outcome.failure() + "; " + fate, 0);
            return;
        }
        if (!outcome.retryable()) {
            LOG.info("SNS delivery of {} to {} refused: {}", m.messageId(), s.endpoint(), outcome.failure());
            String fate = deadLetter(topic, s, m, body, dlqAttrs, "HttpError", outcome.failure());
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.REFUSED, status, outcome.failure() + "; " + fate, 0);
            return;
        }
        retryLater(topic, s, m, attempts, policy.retry(), body, dlqAttrs, outcome.failure(), status);
    }

    private void retryLater(TopicRecord topic, SubscriptionRecord s, Message m, int attempts, RetryPolicy policy, String body,
                            Map<String, QueueDelivery.Attribute> dlqAttrs, String failure, int status) {
        Optional<Duration> delay = policy.delayBeforeRetry(attempts + 1);
        if (delay.isEmpty()) {
            LOG.warn("SNS delivery of {} to {} failed after {} attempts: {}", m.messageId(), s.endpoint(), attempts + 1, failure);
            String fate = deadLetter(topic, s, m, body, dlqAttrs, "DeliveryFailed", failure);
            logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.FAILED, status, failure + "; " + fate, 0);
            return;
        }
        Instant retryAt = clock.instant().plus(delay.get());
        logAttempt(topic, s, m, attempts, DeliveryLog.Outcome.RETRYING, status, failure, retryAt.toEpochMilli());
        LOG.info("SNS delivery of {} to {} failed (attempt {}), retrying in {} s: {}", m.messageId(), s.endpoint(), attempts + 1,
                delay.get().toSeconds(), failure);
        scheduler.schedule(DeliveryJobs.DELIVER, s.arn(), DeliveryJobs.write(new DeliveryJobs.Deliver(s.arn(), attempts + 1, m)),
                retryAt);
    }

    /** Records one attempt ({@code attempts} made before it) in the delivery log. */
    private void logAttempt(TopicRecord topic, SubscriptionRecord s, Message m, int attempts, DeliveryLog.Outcome outcome, int status,
                            String detail, long retryAt) {
        log.record(topic.account(), topic.arn(), s.arn(), s.protocol().wire(), s.endpoint(), m.messageId(), attempts + 1, outcome, status,
                detail, retryAt);
    }

    /**
     * Sends an undeliverable message to the subscription's dead-letter queue, or logs it as dropped; returns
     * what became of it, in words for the delivery log.
     */
    private String deadLetter(TopicRecord topic, SubscriptionRecord s, Message m, String body, Map<String, QueueDelivery.Attribute> attrs,
                            String code, String reason) {
        String dlq = RedrivePolicy.target(s.attributes().get("RedrivePolicy"));
        if (dlq == null) {
            LOG.warn("SNS message {} to {} dropped ({}: {}); the subscription has no RedrivePolicy", m.messageId(), s.endpoint(), code, reason);
            return "dropped: the subscription has no RedrivePolicy";
        }
        // the message's own attributes and no others: AWS adds none of its own (the reason is in the log)
        Map<String, QueueDelivery.Attribute> all = new LinkedHashMap<>(attrs);
        boolean fifo = dlq.endsWith(".fifo");
        try {
            queues.get().orElseThrow(() -> new IllegalStateException("SQS is not enabled")).deliver(dlq, topic.account(), topic.arn(), body,
                    all, fifo ? (m.groupId() == null ? "sns" : m.groupId()) : null, fifo ? fifoDedupId(m) : null);
            LOG.info("SNS message {} to {} moved to dead-letter queue {} ({}: {})", m.messageId(), s.endpoint(), dlq, code, reason);
            return "moved to dead-letter queue " + dlq;
        } catch (RuntimeException e) {
            LOG.warn("SNS message {} to {} dropped: dead-letter queue {} refused it: {}", m.messageId(), s.endpoint(), dlq, e.getMessage());
            return "dropped: dead-letter queue " + dlq + " refused it";
        }
    }

    private void throttle(String key, Integer perSecond) {
        if (perSecond == null) {
            return;
        }
        long gap = 1_000_000_000L / perSecond;
        long now = System.nanoTime();
        long slot = nextSlotNanos.merge(key, now + gap, (prev, proposed) -> Math.max(prev, now) + gap) - gap;
        long wait = slot - now;
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- confirmations ----

    /** Schedules a SubscriptionConfirmation/UnsubscribeConfirmation to an HTTP/S endpoint or a queue. */
    void scheduleConfirmation(Connection c, DeliveryJobs.Confirm confirm) throws SQLException {
        scheduler.schedule(c, DeliveryJobs.CONFIRM, confirm.subscriptionArn(), DeliveryJobs.write(confirm), clock.instant());
    }

    /** The confirmation JSON for a confirmation job (also what email-json subscribers get). */
    String confirmationBody(DeliveryJobs.Confirm c) {
        String message = c.type().equals("SubscriptionConfirmation") ? Envelope.subscribeMessage(c.topicArn())
                : Envelope.unsubscribeMessage(c.subscriptionArn());
        Envelope.Confirmation env = new Envelope.Confirmation(c.type(), c.messageId(), c.token(), c.topicArn(), message,
                SnsSettings.subscribeUrl(c.baseUrl(), c.topicArn(), c.token()), c.timestamp());
        return Envelope.confirmation(env, c.signatureVersion(), certUrl(c.baseUrl()), signer);
    }

    private void runConfirm(Job job) {
        DeliveryJobs.Confirm c = DeliveryJobs.read(job.payload(), DeliveryJobs.Confirm.class);
        String body = confirmationBody(c);
        if (c.protocol().equals("sqs")) {
            try {
                queues.get().orElseThrow(() -> new IllegalStateException("SQS is not enabled"))
                        .deliver(c.endpoint(), c.owner(), c.topicArn(), body, Map.of(), c.endpoint().endsWith(".fifo") ? "sns-confirmation" : null,
                                c.endpoint().endsWith(".fifo") ? c.messageId() : null);
            } catch (RuntimeException e) {
                LOG.warn("SNS {} for {} could not be put on {}: {}", c.type(), c.subscriptionArn(), c.endpoint(), e.getMessage());
            }
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", c.type());
        headers.put("x-amz-sns-message-id", c.messageId());
        headers.put("x-amz-sns-topic-arn", c.topicArn());
        HttpSender.Outcome outcome = http.post(c.endpoint(), DeliveryPolicy.DEFAULT_CONTENT_TYPE, headers, body);
        if (outcome.delivered()) {
            return;
        }
        if (outcome.denied()) {
            LOG.warn("SNS {} to {} refused: not allowed by --sns-http-allow '{}'", c.type(), c.endpoint(), settings.httpRule().spec());
            return;
        }
        Optional<Duration> delay = outcome.retryable() ? RetryPolicy.HTTP_DEFAULT.delayBeforeRetry(c.attempts() + 1) : Optional.empty();
        if (delay.isEmpty()) {
            LOG.warn("SNS {} to {} failed: {}", c.type(), c.endpoint(), outcome.failure());
            return;
        }
        DeliveryJobs.Confirm next = new DeliveryJobs.Confirm(c.type(), c.subscriptionArn(), c.topicArn(), c.owner(), c.protocol(),
                c.endpoint(), c.token(), c.messageId(), c.timestamp(), c.baseUrl(), c.signatureVersion(), c.attempts() + 1);
        scheduler.schedule(DeliveryJobs.CONFIRM, c.subscriptionArn(), DeliveryJobs.write(next), clock.instant().plus(delay.get()));
    }

    // ---- mail (email, email-json) through SES ----

    /** Whether SES is enabled, so that email/email-json deliveries are mailed too (looked up now, never at startup). */
    boolean mailing() {
        return mail.get().isPresent();
    }

    /** Inside a transaction: schedules a mail through SES. The caller wakes the scheduler after commit. */
    void scheduleEmail(Connection c, DeliveryJobs.Email e) throws SQLException {
        scheduler.schedule(c, DeliveryJobs.EMAIL, e.subscriptionArn(), DeliveryJobs.write(e), clock.instant());
    }

    /** The confirmation mail's text of an email subscription, in AWS's wording. */
    static String confirmationMail(String topicArn, String subscribeUrl) {
        return "You have chosen to subscribe to the topic: " + topicArn
                + "\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):"
                + "\nConfirm subscription\n" + subscribeUrl;
    }

    /**
     * Invokes a lambda subscriber's function asynchronously, as SNS does (Lambda queues and retries
     * the event itself), as {@code sns.amazonaws.com} with the topic as source, so the function's
     * resource policy must allow it. A function Lambda refuses (not found, access denied: client
     * errors, which SNS does not retry) goes to the subscription's dead-letter queue with its
     * error, or is dropped with a log line; Lambda being unavailable for another reason throws, so
     * the scheduler retries, up to its last attempt, whose failure goes the same way as a refusal (logged
     * as FAILED).
     */
    private void runLambda(Job job) {
        DeliveryJobs.Lambda l = DeliveryJobs.read(job.payload(), DeliveryJobs.Lambda.class);
        if (store.findSubscription(l.subscriptionArn()).isEmpty()) {
            LOG.info("SNS lambda delivery to {} dropped: subscription {} is gone", l.functionArn(), l.subscriptionArn());
            return;
        }
        Optional<FunctionInvoker> lambda = functions.get();
        if (lambda.isEmpty()) {
            LOG.info("SNS lambda delivery to {} dropped: Lambda is no longer enabled", l.functionArn());
            return;
        }
        String[] arn = l.functionArn().split(":");
        String messageId = lambdaMessageId(l);
        try {
            lambda.get().invoke(new FunctionInvoker.Invocation(arn[4], arn[3], l.functionArn(), null,
                    FunctionInvoker.InvocationType.EVENT, l.event().getBytes(java.nio.charset.StandardCharsets.UTF_8), null,
                    "sns.amazonaws.com", l.topicArn()));
            logLambda(l, messageId, job.attempts(), DeliveryLog.Outcome.DELIVERED, null);
        } catch (FunctionInvoker.FunctionInvocationException e) {
            if ("TooManyRequestsException".equals(e.code()) || "ServiceException".equals(e.code())) {
                if (!scheduler.isLastAttempt(job)) {
                    logLambda(l, messageId, job.attempts(), DeliveryLog.Outcome.RETRYING, e.code());
                    throw e;
                }
                LOG.warn("SNS lambda delivery to {} failed after {} attempts: {} {}", l.functionArn(), job.attempts(), e.code(), e.getMessage());
                String fate = deadLetterLambda(l, e.code(), e.getMessage());
                logLambda(l, messageId, job.attempts(), DeliveryLog.Outcome.FAILED, e.code() + "; " + fate);
                return;
            }
            LOG.info("SNS lambda delivery to {} refused by Lambda: {} {}", l.functionArn(), e.code(), e.getMessage());
            String fate = deadLetterLambda(l, e.code(), e.getMessage());
            logLambda(l, messageId, job.attempts(), DeliveryLog.Outcome.REFUSED, e.code() + "; " + fate);
        }
    }

    private void logLambda(DeliveryJobs.Lambda l, String messageId, int attempt, DeliveryLog.Outcome outcome, String detail) {
        log.record(l.topicArn().split(":")[4], l.topicArn(), l.subscriptionArn(), "lambda", l.functionArn(), messageId, Math.max(1, attempt),
                outcome, 0, detail, 0);
    }

    private static String lambdaMessageId(DeliveryJobs.Lambda l) {
        try {
            return JSON.readTree(l.event()).at("/Records/0/Sns/MessageId").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /**
     * A lambda notification Lambda refused, to the subscription's dead-letter queue as SNS moves it:
     * the notification itself (the event's {@code Sns} record with SNS's own key names), without
     * attributes of SNS's own (Lambda's reason is logged).
     */
    private String deadLetterLambda(DeliveryJobs.Lambda l, String code, String reason) {
        Optional<SubscriptionRecord> sub = store.findSubscription(l.subscriptionArn());
        String dlq = sub.map(s -> RedrivePolicy.target(s.attributes().get("RedrivePolicy"))).orElse(null);
        if (dlq == null) {
            LOG.warn("SNS lambda notification to {} dropped ({}); the subscription has no RedrivePolicy", l.functionArn(), code);
            return "dropped: the subscription has no RedrivePolicy";
        }
        ObjectNode envelope = JSON.createObjectNode();
        String messageId;
        try {
            JsonNode sns = JSON.readTree(l.event()).at("/Records/0/Sns");
            sns.fields().forEachRemaining(e -> envelope.set(e.getKey().equals("SigningCertUrl") ? "SigningCertURL"
                    : e.getKey().equals("UnsubscribeUrl") ? "UnsubscribeURL" : e.getKey(), e.getValue()));
            messageId = sns.path("MessageId").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, QueueDelivery.Attribute> attrs = new LinkedHashMap<>(); // AWS adds no attributes of its own
        boolean fifo = dlq.endsWith(".fifo");
        String topicAccount = l.topicArn().split(":")[4];
        try {
            queues.get().orElseThrow(() -> new IllegalStateException("SQS is not enabled")).deliver(dlq, topicAccount, l.topicArn(),
                    envelope.toString(), attrs, fifo ? "sns" : null, fifo ? messageId : null);
            LOG.info("SNS lambda notification {} to {} moved to dead-letter queue {} ({}: {})", messageId, l.functionArn(), dlq, code, reason);
            return "moved to dead-letter queue " + dlq;
        } catch (RuntimeException e) {
            LOG.warn("SNS lambda notification {} to {} dropped: dead-letter queue {} refused it: {}", messageId, l.functionArn(), dlq,
                    e.getMessage());
            return "dropped: dead-letter queue " + dlq + " refused it";
        }
    }

    private void runEmail(Job job) {
        DeliveryJobs.Email e = DeliveryJobs.read(job.payload(), DeliveryJobs.Email.class);
        Optional<SubscriptionRecord> sub = "Notification".equals(e.kind()) ? store.findSubscription(e.subscriptionArn()) : Optional.empty();
        if ("Notification".equals(e.kind()) && sub.isEmpty()) {
            LOG.info("SNS mail to {} dropped: subscription {} is gone", e.to(), e.subscriptionArn());
            return;
        }
        String protocol = sub.map(s -> s.protocol().wire()).orElse("email");
        Optional<EmailDelivery> ses = mail.get();
        if (ses.isEmpty()) {
            LOG.info("SNS mail to {} not sent: SES is not enabled (it is in the outbox)", e.to());
            return;
        }
        try {
            String id = ses.get().send(e.account(), e.region(), MAIL_FROM, List.of(e.to()), e.subject(), e.body());
            LOG.info("SNS {} mailed to {} through SES as {}", e.kind(), e.to(), id);
            logEmail(e, protocol, job.attempts(), DeliveryLog.Outcome.DELIVERED, "sent through SES as " + id);
        } catch (IllegalArgumentException refused) {
            LOG.warn("SNS mail to {} refused by SES: {}", e.to(), refused.getMessage());
            logEmail(e, protocol, job.attempts(), DeliveryLog.Outcome.REFUSED, "refused by SES: " + refused.getMessage());
        }
    }

    /** A notification mail in the delivery log (confirmation mails are not deliveries of a message). */
    private void logEmail(DeliveryJobs.Email e, String protocol, int attempt, DeliveryLog.Outcome outcome, String detail) {
        if (!"Notification".equals(e.kind())) {
            return;
        }
        String topicArn = e.subscriptionArn().substring(0, e.subscriptionArn().lastIndexOf(':'));
        log.record(e.account(), topicArn, e.subscriptionArn(), protocol, e.to(), null, Math.max(1, attempt), outcome, 0, detail, 0);
    }

    Instant now() {
        return clock.instant();
    }

    /** Stops the HTTP client (its threads) with the server. */
    @Override
    public void close() {
        http.close();
    }
}
