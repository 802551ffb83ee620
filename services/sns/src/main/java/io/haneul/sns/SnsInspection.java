package io.haneul.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.store.OutboxStore;
import io.haneul.sns.store.SubscriptionRecord;
import io.haneul.sns.store.TopicStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Haneul's own SNS routes: the outbox ({@code GET}/{@code DELETE /_haneul/sns/outbox}), the delivery log
 * ({@code GET /_haneul/sns/deliveries?topicArn=&subscriptionArn=&limit=}, see {@link DeliveryLog}), the signing
 * certificate ({@code GET /_haneul/sns/certs/SimpleNotificationService-<id>.pem}), opting a phone
 * number out ({@code POST /_haneul/sns/opt-out?phoneNumber=...&account=...&region=...}), and
 * LocalStack's inspection aliases ({@code /_aws/sns/sms-messages},
 * {@code /_aws/sns/platform-endpoint-messages}, {@code /_aws/sns/subscription-tokens/<arn>}).
 *
 * <p>Every route but the certificate shows and changes only the accounts the call's viewer sees
 * (in strict mode the caller's own, unless its key is an admin's): {@code ?account=} narrows the
 * view of those who see several, and naming another account is refused.
 */
final class SnsInspection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutboxStore outbox;
    private final TopicStore topics;
    private final MessageSigner signer;
    private final SmsService sms;
    private final DeliveryLog deliveries;

    SnsInspection(OutboxStore outbox, TopicStore topics, MessageSigner signer, SmsService sms, DeliveryLog deliveries) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.topics = topics;
        this.signer = signer;
        this.sms = sms;
    }

    WireResponse outbox(InternalCall call) {
        Map<String, List<String>> q = call.request().queryParameters();
        String target = first(q, "target", first(q, "endpoint", first(q, "phoneNumber", null)));
        long after = Math.max(0, Long.parseLong(first(q, "after", "0")));
        int limit = Math.clamp(Integer.parseInt(first(q, "limit", "1000")), 1, 1000); // bounded pages, never "no limit"
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (OutboxStore.Entry e : outbox.list(first(q, "protocol", null), target, call.accountFilter(), after, limit)) {
            ObjectNode m = messages.addObject();
            m.put("id", e.id());
            m.put("accountId", e.account());
            m.put("region", e.region());
            m.put("protocol", e.protocol());
            m.put("target", e.target());
            m.put("kind", e.kind());
            m.put("messageId", e.messageId());
            m.put("topicArn", e.topicArn());
            m.put("subscriptionArn", e.subscriptionArn());
            m.put("subject", e.subject());
            m.put("message", e.message());
            m.set("messageAttributes", parse(e.attributes()));
            m.put("timestamp", Timestamps.format(java.time.Instant.ofEpochMilli(e.createdAt())));
        }
        return json(200, root);
    }

    /** The newest delivery attempts first, of the accounts the caller sees; {@code ?topicArn=}, {@code ?subscriptionArn=} narrow it. */
    WireResponse deliveries(InternalCall call) {
        Map<String, List<String>> q = call.request().queryParameters();
        int limit = Math.clamp(Integer.parseInt(first(q, "limit", "100")), 1, DeliveryLog.PER_TOPIC);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("deliveries");
        for (DeliveryLog.Attempt a : deliveries.list(first(q, "topicArn", null), first(q, "subscriptionArn", null), call.accountFilter(),
                limit)) {
            ObjectNode d = out.addObject();
            d.put("id", a.sequence());
            d.put("timestamp", Timestamps.format(java.time.Instant.ofEpochMilli(a.time())));
            d.put("accountId", a.account());
            d.put("topicArn", a.topicArn());
            d.put("subscriptionArn", a.subscriptionArn());
            d.put("protocol", a.protocol());
            d.put("endpoint", a.endpoint());
            d.put("messageId", a.messageId());
            d.put("attempt", a.attempt());
            d.put("outcome", a.outcome().name());
            if (a.statusCode() > 0) {
                d.put("statusCode", a.statusCode());
            }
            d.put("detail", a.detail());
            if (a.retryAt() > 0) {
                d.put("retryAt", Timestamps.format(java.time.Instant.ofEpochMilli(a.retryAt())));
            }
        }
        return json(200, root);
    }

    WireResponse clearOutbox(InternalCall call) {
        int n = outbox.clear(call.param("protocol"), call.accountFilter());
        return json(200, JSON.createObjectNode().put("deleted", n));
    }

    WireResponse certificate(InternalCall call) {
        WireRequest r = call.request();
        if (!r.rawPath().equals(signer.certificatePath())) {
            return WireResponse.of(404, "text/plain", "no such certificate\n".getBytes(StandardCharsets.UTF_8));
        }
        return WireResponse.of(200, "application/x-pem-file", signer.pem().getBytes(StandardCharsets.US_ASCII));
    }

    WireResponse optOut(InternalCall call) {
        WireRequest r = call.request();
        Map<String, List<String>> q = r.queryParameters();
        if (r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
            q.putAll(WireRequest.parseForm(new String(r.body(), StandardCharsets.UTF_8)));
        }
        try {
            sms.optOut(call.viewer().target(first(q, "account", null)), first(q, "region", "us-east-1"), first(q, "phoneNumber", ""));
        } catch (SnsException e) {
            return json(400, JSON.createObjectNode().put("error", e.getMessage()));
        }
        return json(200, JSON.createObjectNode().put("optedOut", true));
    }

    /** LocalStack's {@code /_aws/sns/sms-messages}: SMS sent, grouped by phone number. */
    WireResponse localStackSms(InternalCall call) {
        return localStackGrouped("sms", "sms_messages", "PhoneNumber", call.param("phoneNumber"), call.accountFilter());
    }

    /** LocalStack's {@code /_aws/sns/platform-endpoint-messages}: pushes, grouped by endpoint ARN. */
    WireResponse localStackPush(InternalCall call) {
        return localStackGrouped("application", "platform_endpoint_messages", "TargetArn", call.param("endpointArn"),
                call.accountFilter());
    }

    private WireResponse localStackGrouped(String protocol, String rootKey, String targetKey, String target, String account) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode groups = root.putObject(rootKey);
        for (OutboxStore.Entry e : outbox.list(protocol, target, account, 0, 10_000)) {
            if (e.kind().equals("Verification")) {
                continue;
            }
            ObjectNode m = groups.withArray(e.target()).addObject();
            m.put(targetKey, e.target());
            m.put("TopicArn", e.topicArn());
            m.put("SubscriptionArn", e.subscriptionArn());
            m.put("MessageId", e.messageId());
            m.put("Message", e.message());
            m.set("MessageAttributes", parse(e.attributes()));
            m.put("Subject", e.subject());
        }
        return json(200, root);
    }

    /** LocalStack's {@code /_aws/sns/subscription-tokens/<subscription ARN>}: the pending confirmation token. */
    WireResponse localStackToken(InternalCall call) {
        String path = call.request().rawPath();
        String prefix = "/_aws/sns/subscription-tokens/";
        String arn = path.length() <= prefix.length() ? "" : WireRequest.percentDecode(path.substring(prefix.length()), false);
        SubscriptionRecord s = topics.findSubscription(arn).orElse(null);
        // only the topic's owner and the subscriber see the token; to anyone else the subscription does not exist
        if (s == null || s.token() == null || !(call.viewer().sees(s.account()) || call.viewer().sees(s.owner()))) {
            return json(404, JSON.createObjectNode().put("error", "subscription not found or has no token").put("subscription_arn", arn));
        }
        return json(200, JSON.createObjectNode().put("subscription_token", s.token()).put("subscription_arn", s.arn()));
    }

    private static String first(Map<String, List<String>> q, String name, String dflt) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? dflt : v.getFirst();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static WireResponse json(int status, JsonNode body) {
        try {
            return WireResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
