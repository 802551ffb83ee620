package io.haneul.rekognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.TopicDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rekognition.model.S3Object;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The completion notice of a video job, published to the NotificationChannel's SNS topic in AWS's
 * body: {@code JobId}, {@code Status} (SUCCEEDED or FAILED), {@code API} (e.g. LABEL_DETECTION),
 * {@code JobTag} when the job has one, {@code Timestamp} (when it finished, epoch ms) and {@code Video}
 * with {@code S3ObjectName} and {@code S3Bucket}. A publish that fails is logged, not retried.
 */
final class VideoNotices {

    private static final Logger LOG = LoggerFactory.getLogger(VideoNotices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Optional<TopicDelivery>> topics;

    VideoNotices(Supplier<Optional<TopicDelivery>> topics) {
        this.topics = topics;
    }

    void send(String account, String jobId, VideoKind kind, VideoJobs.Common job, String status, long finishedMillis) {
        if (job.channel() == null || job.channel().snsTopicArn() == null) {
            return;
        }
        String topic = job.channel().snsTopicArn();
        Optional<TopicDelivery> sns = topics.get();
        if (sns.isEmpty()) {
            LOG.warn("video job {}: cannot notify {}: SNS is not enabled", jobId, topic);
            return;
        }
        try {
            sns.get().publish(topic, account, null, null, body(jobId, kind, job, status, finishedMillis));
        } catch (TopicDelivery.TopicDeliveryException e) {
            LOG.warn("video job {}: notifying {} failed: {} {}", jobId, topic, e.code(), e.getMessage());
        }
    }

    static String body(String jobId, VideoKind kind, VideoJobs.Common job, String status, long finishedMillis) {
        ObjectNode m = JSON.createObjectNode().put("JobId", jobId).put("Status", status).put("API", kind.name());
        if (job.jobTag() != null) {
            m.put("JobTag", job.jobTag());
        }
        m.put("Timestamp", finishedMillis);
        S3Object o = job.video().s3Object();
        m.putObject("Video").put("S3ObjectName", o.name()).put("S3Bucket", o.bucket());
        return m.toString();
    }
}
