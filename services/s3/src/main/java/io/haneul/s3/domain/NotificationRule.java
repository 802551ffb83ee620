package io.haneul.s3.domain;

import java.util.List;

/**
 * One destination of a bucket's event notifications: which events (e.g. {@code s3:ObjectCreated:*}),
 * which keys (prefix and suffix filter rules), where to (an SQS queue, SNS topic or Lambda function ARN).
 *
 * @param type {@code queue}, {@code topic} or {@code lambda}
 */
public record NotificationRule(String id, String type, String arn, List<String> events, String prefix, String suffix) {

    public static final List<String> EVENT_TYPES = List.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
            "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete",
            "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
            "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
            "s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:LifecycleExpiration:*", "s3:LifecycleTransition",
            "s3:IntelligentTiering", "s3:ObjectAcl:Put", "s3:TestEvent");

    public NotificationRule {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** @throws S3Exception InvalidArgument for an unknown event or filter as S3 answers */
    public void check() {
        if (events.isEmpty()) {
            throw S3Exception.malformedXml();
        }
        for (String e : events) {
            if (!EVENT_TYPES.contains(e)) {
                throw S3Exception.invalidArgument("The event is not supported for notifications", e, e);
            }
        }
    }

    /**
     * Whether an event ({@code ObjectCreated:Put}, without the {@code s3:} prefix) on a key goes to
     * this destination.
     */
    public boolean matches(String eventName, String key) {
        boolean event = events.stream().anyMatch(e -> {
            String name = e.startsWith("s3:") ? e.substring(3) : e;
            return name.endsWith(":*") ? eventName.startsWith(name.substring(0, name.length() - 1)) : name.equals(eventName);
        });
        return event && (prefix == null || key.startsWith(prefix)) && (suffix == null || key.endsWith(suffix));
    }
}
