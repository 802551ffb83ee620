package io.haneul.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireResponse;
import io.haneul.sqs.store.QueueRecord;
import io.haneul.sqs.store.SqlQueueStore;
import io.haneul.sqs.store.StoredMessage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_haneul/sqs/messages?queue=NAME[&region=R][&account=A][&limit=N]}: a queue's messages as
 * they are stored, oldest first, with their state ({@code visible}, {@code inFlight}, {@code delayed}),
 * receive count and user attributes, read without receiving them.
 *
 * <p>Why: ReceiveMessage changes what it shows (the message turns invisible, its receive count grows,
 * a redrive policy may move it); a developer looking at a queue, and the console's peek, must not. The
 * account is the caller's unless an admin (or permissive mode) names another; another account's queue
 * answers 404 as if it did not exist.
 */
final class SqsInspection {

    static final int MAX_LIMIT = 1000;

    private final ObjectMapper json = new ObjectMapper();
    private final MessageAttributeJson attributes = new MessageAttributeJson();
    private final SqlQueueStore store;
    private final Clock clock;

    SqsInspection(SqlQueueStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    WireResponse peek(InternalCall call) {
        String name = call.param("queue");
        if (name == null || name.isBlank()) {
            return json(400, Map.of("code", "MissingParameter", "message", "The request must contain the parameter queue."));
        }
        String region = call.param("region") == null ? "us-east-1" : call.param("region");
        int limit = call.param("limit") == null ? 100 : Integer.parseInt(call.param("limit"));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        QueueRecord q = store.find(call.targetAccount(), region, name).orElse(null);
        if (q == null) {
            return json(404, Map.of("code", "AWS.SimpleQueueService.NonExistentQueue", "message", "The specified queue does not exist."));
        }
        long now = clock.millis();
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredMessage m : store.peek(q.id(), limit)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("messageId", m.messageId());
            row.put("body", m.body());
            row.put("sentAt", Instant.ofEpochMilli(m.sentAt()).toString());
            row.put("state", m.visibleAt() <= now ? "visible" : m.receiveCount() > 0 ? "inFlight" : "delayed");
            row.put("visibleAt", Instant.ofEpochMilli(m.visibleAt()).toString());
            row.put("receiveCount", m.receiveCount());
            if (m.groupId() != null) {
                row.put("groupId", m.groupId());
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            attributes.read(m.attributesJson()).user().forEach((k, v) -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("DataType", v.dataType());
                if (v.stringValue() != null) {
                    a.put("StringValue", v.stringValue());
                }
                attrs.put(k, a);
            });
            row.put("attributes", attrs);
            out.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", q.name());
        body.put("account", q.account());
        body.put("region", q.region());
        body.put("messages", out);
        return json(200, body);
    }

    private WireResponse json(int status, Object body) {
        try {
            return WireResponse.of(status, "application/json", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
