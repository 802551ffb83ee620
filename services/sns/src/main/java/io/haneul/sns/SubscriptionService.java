package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.sns.domain.Arns;
import io.haneul.sns.domain.Protocol;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.domain.SubscriptionAttributes;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.SubscriptionRecord;
import io.haneul.sns.store.TopicRecord;
import io.haneul.sns.store.TopicStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions: Subscribe (idempotent for the same endpoint and attributes), confirmation by token
 * (HTTP/S, email and cross-account SQS wait for it; tokens last two days), Unsubscribe (also through
 * the unsigned UnsubscribeURL, for subscriptions whose confirmation was not authenticated:
 * {@link SubscriptionRecord#confirmationWasAuthenticated()}), attributes and listings.
 */
final class SubscriptionService {

    static final String PENDING = "pending confirmation";
    private static final Duration TOKEN_LIFETIME = Duration.ofDays(2);
    private static final int MAX_FILTER_POLICIES_PER_TOPIC = 200;

    private final TopicStore store;
    private final TopicService topics;
    private final OutboxStore outbox;
    private final Deliveries deliveries;
    private final SnsSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubscriptionService(TopicStore store, TopicService topics, OutboxStore outbox, Deliveries deliveries, SnsSettings settings, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    /** Returns the subscription ARN, or "pending confirmation" when it awaits confirmation and the ARN was not asked for. */
    String subscribe(RequestContext ctx, String topicArn, String protocolName, String endpoint, Map<String, String> attributes,
                     boolean returnArn) {
        TopicRecord topic = topics.resolve(ctx, topicArn, "Subscribe");
        Protocol protocol = Protocol.parse(protocolName);
        protocol.validateEndpoint(endpoint);
        if (topic.fifo() && protocol != Protocol.SQS) {
            throw SnsException.invalidParameter("Invalid protocol type: " + protocol.wire());
        }
        if (protocol == Protocol.SQS && !topic.fifo() && endpoint.endsWith(".fifo")) {
            throw SnsException.invalidParameter("Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
        }
        if (protocol.http() && !settings.httpRule().allowsUrl(endpoint)) {
            throw SnsException.invalidParameter("Endpoint Reason: " + endpoint + " is not allowed by this server's --sns-http-allow rule"
                    + " (loopback, link-local and private addresses need to be allowed explicitly)");
        }
        Map<String, String> attrs = SubscriptionAttributes.apply(Map.of(), attributes, protocol, topic.arn(), true);
        var existing = store.findByEndpoint(topic.arn(), protocol, endpoint);
        if (existing.isPresent()) {
            SubscriptionRecord s = existing.get();
            if (!attributes.isEmpty() && !attrs.equals(s.attributes())) {
                throw SnsException.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
            }
            if (s.pending()) {
                issueConfirmation(ctx, topic, s);
                return returnArn ? s.arn() : PENDING;
            }
            return s.arn();
        }
        if (attrs.containsKey("FilterPolicy") && store.countFilterPolicies(topic.arn()) >= MAX_FILTER_POLICIES_PER_TOPIC) {
            throw new SnsException("FilterPolicyLimitExceededException", "Filter policy limit exceeded");
        }
        boolean crossAccountQueue = protocol == Protocol.SQS
                && !Arns.queue(endpoint).map(Arns.QueueArn::account).orElse("").equals(ctx.accountId());
        boolean pending = protocol.needsConfirmation() || crossAccountQueue;
        SubscriptionRecord s = new SubscriptionRecord(topic.arn() + ":" + UUID.randomUUID(), topic.arn(), topic.account(), topic.region(),
                ctx.accountId(), protocol, endpoint, attrs, pending, null, 0, false, clock.millis());
        store.insertSubscription(s);
        if (pending) {
            issueConfirmation(ctx, topic, s);
            return returnArn ? s.arn() : PENDING;
        }
        return s.arn();
    }

    /**
     * Issues a fresh token and sends the SubscriptionConfirmation (a job for HTTP/S and SQS, the outbox for email,
     * and for email also a mail job through SES when SES is enabled).
     */
    private void issueConfirmation(RequestContext ctx, TopicRecord topic, SubscriptionRecord s) {
        String token = HexFormat.of().formatHex(randomBytes(64));
        String base = settings.baseUrl(ctx);
        DeliveryJobs.Confirm confirm = new DeliveryJobs.Confirm("SubscriptionConfirmation", s.arn(), topic.arn(), topic.account(),
                s.protocol().wire(), s.endpoint(), token, UUID.randomUUID().toString(), Timestamps.format(clock.instant()), base,
                topic.signatureVersion(), 0);
        boolean job = s.protocol().http() || s.protocol() == Protocol.SQS;
        String body = job ? null : s.protocol() == Protocol.EMAIL_JSON ? deliveries.confirmationBody(confirm)
                : Deliveries.confirmationMail(topic.arn(), SnsSettings.subscribeUrl(base, topic.arn(), token));
        boolean mail = !job && deliveries.mailing();
        store.database().write(c -> {
            store.updateToken(c, s.arn(), token, clock.millis() + TOKEN_LIFETIME.toMillis());
            if (job) {
                deliveries.scheduleConfirmation(c, confirm);
            } else {
                outbox.insert(c, new OutboxStore.Entry(0, topic.account(), topic.region(), s.protocol().wire(), s.endpoint(),
                        confirm.messageId(), topic.arn(), s.arn(), Deliveries.CONFIRMATION_SUBJECT, body, null,
                        "SubscriptionConfirmation", clock.millis()));
                if (mail) {
                    deliveries.scheduleEmail(c, new DeliveryJobs.Email(topic.account(), topic.region(), s.arn(), "SubscriptionConfirmation",
                            s.endpoint(), Deliveries.CONFIRMATION_SUBJECT, body));
                }
            }
            return null;
        });
        if (job || mail) {
            deliveries.wake();
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    String confirm(RequestContext ctx, String topicArn, String token, String authenticateOnUnsubscribe) {
        Arns.topic(topicArn, "TopicArn");
        if (token == null || token.isEmpty()) {
            throw SnsException.invalidParameter("Token");
        }
        TopicRecord topic = store.findTopic(topicArn).orElseThrow(SnsException::topicNotFound);
        SubscriptionRecord s = store.findByToken(token).orElseThrow(() -> SnsException.invalidParameter("Token"));
        if (!s.topicArn().equals(topic.arn())) {
            throw SnsException.invalidParameter("Token");
        }
        if (s.pending() && s.tokenExpiresAt() < clock.millis()) {
            throw SnsException.invalidParameter("Token expired");
        }
        if (s.pending()) {
            boolean authenticated = "true".equalsIgnoreCase(authenticateOnUnsubscribe) && ctx.accessKeyId() != null;
            store.confirm(s.arn(), authenticated);
        }
        return s.arn();
    }

    /** Removes a subscription; one that does not exist (never did, or already removed) succeeds, as in AWS. */
    void unsubscribe(RequestContext ctx, String subscriptionArn) {
        if (subscriptionArn == null || Arns.topicOfSubscription(subscriptionArn).isEmpty()) {
            throw SnsException.invalidParameter("SubscriptionArn");
        }
        Optional<SubscriptionRecord> found = store.findSubscription(subscriptionArn);
        if (found.isEmpty()) {
            return;
        }
        SubscriptionRecord s = found.get();
        if (s.confirmationWasAuthenticated() && (ctx.accessKeyId() == null
                || (!ctx.accountId().equals(s.owner()) && !ctx.accountId().equals(s.account())))) {
            throw SnsException.authorization("The subscription requires authentication to unsubscribe");
        }
        String base = settings.baseUrl(ctx);
        TopicRecord topic = store.findTopic(s.topicArn()).orElse(null);
        boolean notify = topic != null && s.protocol().http() && !s.pending();
        store.database().write(c -> {
            store.deleteSubscription(c, s);
            if (notify) {
                String token = s.token() != null ? s.token() : HexFormat.of().formatHex(randomBytes(64));
                deliveries.scheduleConfirmation(c, new DeliveryJobs.Confirm("UnsubscribeConfirmation", s.arn(), topic.arn(), topic.account(),
                        s.protocol().wire(), s.endpoint(), token, UUID.randomUUID().toString(), Timestamps.format(clock.instant()), base,
                        topic.signatureVersion(), 0));
            }
            return null;
        });
        if (notify) {
            deliveries.wake();
        }
    }

    SubscriptionRecord resolve(RequestContext ctx, String subscriptionArn) {
        if (subscriptionArn == null || Arns.topicOfSubscription(subscriptionArn).isEmpty()) {
            throw SnsException.invalidParameter("SubscriptionArn");
        }
        SubscriptionRecord s = store.findSubscription(subscriptionArn).orElseThrow(() -> SnsException.notFound("Subscription does not exist"));
        if (!ctx.accountId().equals(s.owner()) && !ctx.accountId().equals(s.account())) {
            throw SnsException.authorization("User: " + Arns.accountRoot(ctx.accountId()) + " is not authorized to access " + s.arn());
        }
        return s;
    }

    Map<String, String> attributes(SubscriptionRecord s) {
        String topicPolicy = store.findTopic(s.topicArn()).map(t -> t.attributes().get("DeliveryPolicy")).orElse(null);
        return SubscriptionAttributes.render(s.arn(), s.topicArn(), s.owner(), s.protocol(), s.endpoint(), s.pending(),
                s.confirmationWasAuthenticated(), s.attributes(), topicPolicy);
    }

    void setAttribute(SubscriptionRecord s, String name, String value) {
        Map<String, String> change = new java.util.HashMap<>();
        change.put(name, value);
        Map<String, String> attrs = SubscriptionAttributes.apply(s.attributes(), change, s.protocol(), s.topicArn(), false);
        if ("FilterPolicy".equals(name) && !s.attributes().containsKey("FilterPolicy") && attrs.containsKey("FilterPolicy")
                && store.countFilterPolicies(s.topicArn()) >= MAX_FILTER_POLICIES_PER_TOPIC) {
            throw new SnsException("FilterPolicyLimitExceededException", "Filter policy limit exceeded");
        }
        store.updateSubscriptionAttributes(s.arn(), attrs);
    }

    Pages.Page<SubscriptionRecord> listByTopic(RequestContext ctx, String topicArn, String nextToken) {
        TopicRecord topic = topics.resolve(ctx, topicArn, "ListSubscriptionsByTopic");
        List<SubscriptionRecord> fetched = store.listByTopic(topic.arn(), Pages.after(nextToken), Pages.PAGE_SIZE + 1);
        return Pages.of(fetched, Pages.PAGE_SIZE, SubscriptionRecord::arn);
    }

    Pages.Page<SubscriptionRecord> list(RequestContext ctx, String nextToken) {
        List<SubscriptionRecord> fetched = store.listForAccount(ctx.accountId(), ctx.region(), Pages.after(nextToken), Pages.PAGE_SIZE + 1);
        return Pages.of(fetched, Pages.PAGE_SIZE, SubscriptionRecord::arn);
    }

    /** The ARN a listing shows: "PendingConfirmation" while pending, as AWS lists it. */
    static String listedArn(SubscriptionRecord s) {
        return s.pending() ? "PendingConfirmation" : s.arn();
    }
}
