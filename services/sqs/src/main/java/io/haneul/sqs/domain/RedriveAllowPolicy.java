package io.haneul.sqs.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A dead-letter queue's RedriveAllowPolicy: which source queues may use it as their DLQ —
 * {@code allowAll} (the default), {@code denyAll}, or {@code byQueue} with 1–10 source queue ARNs.
 */
public record RedriveAllowPolicy(Permission redrivePermission, List<String> sourceQueueArns) {

    public static final String ATTRIBUTE = "RedriveAllowPolicy";
    public static final int MAX_SOURCE_QUEUE_ARNS = 10;
    /** The policy of a queue that has none. */
    public static final RedriveAllowPolicy ALLOW_ALL = new RedriveAllowPolicy(Permission.allowAll, List.of());

    private static final String UNSUPPORTED = "Invalid value for the parameter RedriveAllowPolicy. Reason: "
            + "Amazon SQS can't create the redrive allow policy, as it\u2019s in an unsupported format.";
    private static final Set<String> KEYS = Set.of("redrivePermission", "sourceQueueArns");

    /** The redrive permission types, named as on the wire. */
    public enum Permission {
        allowAll, denyAll, byQueue
    }

    public RedriveAllowPolicy {
        Objects.requireNonNull(redrivePermission, "redrivePermission");
        sourceQueueArns = List.copyOf(sourceQueueArns);
    }

    /**
     * Parses and validates a RedriveAllowPolicy attribute value.
     *
     * @throws SqsException InvalidParameterValue with AWS's reason
     */
    public static RedriveAllowPolicy parse(String json) {
        Map<String, Object> map = Json.parseObject(json).orElseThrow(() -> SqsException.invalidParameterValue(UNSUPPORTED));
        if (!KEYS.containsAll(map.keySet()) || !(map.get("redrivePermission") instanceof String p)) {
            throw SqsException.invalidParameterValue(UNSUPPORTED);
        }
        Permission permission;
        try {
            permission = Permission.valueOf(p);
        } catch (IllegalArgumentException e) {
            throw SqsException.invalidParameterValue(UNSUPPORTED);
        }
        List<String> arns = new ArrayList<>();
        Object raw = map.get("sourceQueueArns");
        if (raw != null) {
            if (!(raw instanceof List<?> list)) {
                throw SqsException.invalidParameterValue(UNSUPPORTED);
            }
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw SqsException.invalidParameterValue(UNSUPPORTED);
                }
                arns.add(s);
            }
            if (permission != Permission.byQueue) {
                throw invalid(json, "To specify one or more source queue ARNs, you must set redrivePermission to byQueue.");
            }
        }
        if (permission == Permission.byQueue) {
            if (arns.isEmpty()) {
                throw invalid(json, "When you specify the byQueue permission type, you must also specify one or more "
                        + "sourceQueueArns values.");
            }
            if (arns.size() > MAX_SOURCE_QUEUE_ARNS) {
                throw invalid(json, "The maximum number of source queue ARNs you can specify is 10.");
            }
        }
        return new RedriveAllowPolicy(permission, arns);
    }

    /** Whether the queue {@code sourceQueueArn} may use the owner of this policy as its dead-letter queue. */
    public boolean allows(String sourceQueueArn) {
        return switch (redrivePermission) {
            case allowAll -> true;
            case denyAll -> false;
            case byQueue -> sourceQueueArns.contains(sourceQueueArn);
        };
    }

    /** The canonical attribute value. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{\"redrivePermission\":").append(Json.quote(redrivePermission.name()));
        if (!sourceQueueArns.isEmpty()) {
            b.append(",\"sourceQueueArns\":[");
            for (int i = 0; i < sourceQueueArns.size(); i++) {
                b.append(i == 0 ? "" : ",").append(Json.quote(sourceQueueArns.get(i)));
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    private static SqsException invalid(String value, String reason) {
        return SqsException.invalidParameter(ATTRIBUTE, value, "Amazon SQS can't create the redrive allow policy. " + reason);
    }
}
