package io.haneul.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.FunctionInvoker;
import io.haneul.core.spi.QueueDelivery;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.s3.domain.Ids;
import io.haneul.s3.domain.NotificationRule;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * S3 event notifications: each object created or removed in a bucket whose configuration matches
 * becomes an AWS event record, delivered to SQS ({@link QueueDelivery}), SNS ({@link TopicDelivery})
 * or Lambda ({@link FunctionInvoker}, an Event invocation as {@code s3.amazonaws.com}) by a durable
 * job scheduled before the request is acknowledged, so a restart loses none.
 */
final class EventNotifier {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventNotifier.class);
    static final String JOB_KIND = "s3-event";
    static final String SUBJECT = "Amazon S3 Notification";

    private final DurableScheduler scheduler;
    private final ServiceEnvironment env;
    private final Clock clock;
    private final BucketService buckets;
    private final ObjectMapper json = new ObjectMapper();

    EventNotifier(DurableScheduler scheduler, ServiceEnvironment env, Clock clock, BucketService buckets) {
        this.scheduler = scheduler;
        this.env = env;
        this.clock = clock;
        this.buckets = buckets;
        if (scheduler != null) {
            scheduler.register(JOB_KIND, this::deliver);
        }
    }

    /**
     * Publishes an event (e.g. {@code ObjectCreated:Put}) about an object version to every destination of
     * the bucket that wants it, and to the console's live feed.
     */
    void objectEvent(RequestContext ctx, BucketRecord bucket, String eventName, ObjectRecord object) {
        // the console's live feed, whatever the bucket's own notification configuration
        io.haneul.core.spi.EventFeed.of(env).publish("s3", eventName, bucket.account(), java.util.Map.of("bucket", bucket.name(), "key", object.key()));
        if (bucket.notification() == null || scheduler == null) {
            return;
        }
        for (NotificationRule rule : buckets.notifications(bucket).rules()) {
            if (!rule.matches(eventName, object.key())) {
                continue;
            }
            String message = eventRecord(ctx, bucket, eventName, object, rule.id());
            ObjectNode job = json.createObjectNode().put("type", rule.type()).put("arn", rule.arn())
                    .put("account", bucket.account()).put("source", "arn:aws:s3:::" + bucket.name()).put("message", message);
            scheduler.schedule(JOB_KIND, bucket.name(), job.toString(), clock.instant());
        }
    }

    /**
     * Sends {@code s3:TestEvent} to each queue and topic of a new configuration, as S3 does to validate
     * it; a destination that cannot be reached makes the configuration invalid.
     */
    void validate(RequestContext ctx, BucketRecord bucket, java.util.List<NotificationRule> rules) {
        String message = json.createObjectNode().put("Service", "Amazon S3").put("Event", "s3:TestEvent")
                .put("Time", timestamp(clock.instant())).put("Bucket", bucket.name()).put("RequestId", ctx.requestId())
                .put("HostId", ctx.requestId()).toString();
        for (NotificationRule rule : rules) {
            try {
                if (rule.type().equals("queue")) {
                    env.find(QueueDelivery.class).ifPresent(q -> q.deliver(rule.arn(), bucket.account(), "arn:aws:s3:::" + bucket.name(),
                            message, Map.of(), null, null));
                } else if (rule.type().equals("topic")) {
                    env.find(TopicDelivery.class).ifPresent(t -> t.publish(rule.arn(), bucket.account(),
                            "arn:aws:s3:::" + bucket.name(), SUBJECT, message));
                } else if (rule.type().equals("lambda")) {
                    env.find(FunctionInvoker.class).ifPresent(f -> f.invoke(invocation(rule.arn(), "arn:aws:s3:::" + bucket.name(),
                            FunctionInvoker.InvocationType.DRY_RUN, "{}")));
                }
            } catch (QueueDelivery.QueueDeliveryException | TopicDelivery.TopicDeliveryException
                     | FunctionInvoker.FunctionInvocationException e) {
                throw new S3Exception(io.haneul.s3.domain.S3Error.InvalidArgument,
                        "Unable to validate the following destination configurations",
                        S3Exception.ordered("ArgumentName1", rule.arn(), "ArgumentValue1", switch (rule.type()) {
                            case "queue" -> "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";
                            case "topic" -> "Permissions on the destination topic do not allow S3 to publish notifications from this bucket";
                            default -> "Not authorized to invoke function [" + rule.arn() + "]";
                        }));
            }
        }
    }

    private void deliver(Job job) throws JsonProcessingException {
        JsonNode p = json.readTree(job.payload());
        String type = p.path("type").asText();
        String arn = p.path("arn").asText();
        String account = p.path("account").asText();
        String source = p.path("source").asText();
        String message = p.path("message").asText();
        try {
            if (type.equals("queue")) {
                QueueDelivery queues = env.find(QueueDelivery.class).orElse(null);
                if (queues == null) {
                    LOG.warn("S3 event for {} dropped: SQS is not served", arn);
                    return;
                }
                queues.deliver(arn, account, source, message, Map.of(), null, null);
            } else if (type.equals("topic")) {
                TopicDelivery topics = env.find(TopicDelivery.class).orElse(null);
                if (topics == null) {
                    LOG.warn("S3 event for {} dropped: SNS does not take deliveries", arn);
                    return;
                }
                topics.publish(arn, account, source, SUBJECT, message);
            } else if (type.equals("lambda")) {
                FunctionInvoker functions = env.find(FunctionInvoker.class).orElse(null);
                if (functions == null) {
                    LOG.warn("S3 event for {} dropped: Lambda is not served", arn);
                    return;
                }
                functions.invoke(invocation(arn, source, FunctionInvoker.InvocationType.EVENT, message));
            }
        } catch (FunctionInvoker.FunctionInvocationException e) {
            if (e.code().equals("TooManyRequestsException") || e.code().equals("ServiceException")) {
                throw e;
            }
            LOG.warn("S3 event for {} dropped: {} {}", arn, e.code(), e.getMessage());
        } catch (QueueDelivery.QueueDeliveryException e) {
            if (e.code().contains("NonExistentQueue") || e.code().equals("AccessDenied") || e.code().equals("InvalidParameter")) {
                LOG.warn("S3 event for {} dropped: {} {}", arn, e.code(), e.getMessage());
                return;
            }
            throw e;
        } catch (TopicDelivery.TopicDeliveryException e) {
            if (e.code().equals("NotFound") || e.code().equals("AuthorizationError") || e.code().equals("InvalidParameter")) {
                LOG.warn("S3 event for {} dropped: {} {}", arn, e.code(), e.getMessage());
                return;
            }
            throw e;
        }
    }

    /**
     * An invocation of a notified function as S3 makes it: as {@code s3.amazonaws.com} from the
     * bucket's ARN, so the function's resource policy decides; in the function's account and region.
     */
    private static FunctionInvoker.Invocation invocation(String functionArn, String bucketArn, FunctionInvoker.InvocationType type,
                                                         String event) {
        String[] parts = functionArn.split(":");
        String region = parts.length > 3 ? parts[3] : "";
        String account = parts.length > 4 ? parts[4] : "";
        return new FunctionInvoker.Invocation(account, region, functionArn, null, type, event.getBytes(StandardCharsets.UTF_8), null,
                "s3.amazonaws.com", bucketArn);
    }

    /** The event JSON AWS sends: {@code {"Records":[{...}]}}. */
    String eventRecord(RequestContext ctx, BucketRecord bucket, String eventName, ObjectRecord object, String configurationId) {
        ObjectNode root = json.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode r = records.addObject();
        r.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", bucket.region())
                .put("eventTime", timestamp(Instant.ofEpochMilli(object.lastModified()))).put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:" + ctx.accountId());
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        r.putObject("responseElements").put("x-amz-request-id", ctx.requestId()).put("x-amz-id-2", ctx.requestId());
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", configurationId == null ? "" : configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket.name());
        b.putObject("ownerIdentity").put("principalId", Ids.canonicalUserId(bucket.account()));
        b.put("arn", "arn:aws:s3:::" + bucket.name());
        ObjectNode o = s3.putObject("object");
        o.put("key", io.haneul.s3.domain.Keys.urlEncode(object.key()));
        if (eventName.startsWith("ObjectCreated")) {
            o.put("size", object.size()).put("eTag", io.haneul.s3.domain.ETags.unquote(object.etag()));
        }
        if (!Ids.NULL_VERSION.equals(object.versionId())) {
            o.put("versionId", object.versionId());
        }
        o.put("sequencer", String.format("%016X", object.id()));
        return root.toString();
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private static String timestamp(Instant t) {
        return MILLIS.format(t);
    }
}
