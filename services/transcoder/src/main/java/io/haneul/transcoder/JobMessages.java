package io.haneul.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.TopicDelivery;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.Notifications;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SNS notifications of a job's states, in Elastic Transcoder's JSON: {@code state}, {@code errorCode}
 * and {@code messageDetails} for errors, {@code version}, {@code jobId}, {@code pipelineId}, the first
 * {@code input} and {@code inputCount}, {@code outputKeyPrefix}, {@code outputs} with their
 * {@code status}, {@code playlists} and {@code userMetadata}, the job's settings with camel-case names.
 * Sent to the topic the pipeline names for the state at the time of sending (changes apply at once).
 */
final class JobMessages {

    private static final Logger LOG = LoggerFactory.getLogger(JobMessages.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The states a pipeline can notify. */
    enum State { PROGRESSING, COMPLETED, WARNING, ERROR }

    private final Supplier<Optional<TopicDelivery>> topics;
    private final SdkDocuments sdk = new SdkDocuments();

    JobMessages(Supplier<Optional<TopicDelivery>> topics) {
        this.topics = topics;
    }

    /** Publishes the state to the pipeline's topic for it, if any; a failed publish is logged, not retried. */
    void send(String account, Pipeline pipeline, Job job, State state, String errorCode, String details) {
        String topic = topicOf(pipeline.notifications(), state);
        if (topic == null || topic.isEmpty()) {
            return;
        }
        Optional<TopicDelivery> sns = topics.get();
        if (sns.isEmpty()) {
            LOG.warn("job {}: cannot notify {} ({}): SNS is not enabled", job.id(), topic, state);
            return;
        }
        try {
            sns.get().publish(topic, account, pipeline.arn(), subject(job, state), message(job, state, errorCode, details));
        } catch (TopicDelivery.TopicDeliveryException e) {
            LOG.warn("job {}: notifying {} of {} failed: {} {}", job.id(), topic, state, e.code(), e.getMessage());
        }
    }

    String message(Job job, State state, String errorCode, String details) {
        JsonNode doc;
        try {
            doc = JSON.readTree(sdk.write(job));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode m = JSON.createObjectNode();
        m.put("state", state.name());
        if (errorCode != null) {
            m.put("errorCode", Integer.parseInt(errorCode));
            m.put("messageDetails", details);
        }
        m.put("version", "2012-09-25");
        m.put("jobId", job.id());
        m.put("pipelineId", job.pipelineId());
        ArrayNode inputs = (ArrayNode) doc.path("Inputs");
        if (!inputs.isEmpty()) {
            m.set("input", camel(inputs.get(0)));
        }
        m.put("inputCount", inputs.size());
        if (job.outputKeyPrefix() != null) {
            m.put("outputKeyPrefix", job.outputKeyPrefix());
        }
        m.set("outputs", camel(doc.path("Outputs")));
        if (doc.has("Playlists") && !doc.get("Playlists").isEmpty()) {
            m.set("playlists", camel(doc.get("Playlists")));
        }
        if (doc.has("UserMetadata")) {
            m.set("userMetadata", doc.get("UserMetadata"));
        }
        return m.toString();
    }

    private static String subject(Job job, State state) {
        return switch (state) {
            case PROGRESSING -> "The Amazon Elastic Transcoder job " + job.id() + " has started.";
            case COMPLETED -> "The Amazon Elastic Transcoder job " + job.id() + " has completed.";
            case WARNING -> "The Amazon Elastic Transcoder job " + job.id() + " has a warning.";
            case ERROR -> "The Amazon Elastic Transcoder job " + job.id() + " has failed.";
        };
    }

    private static String topicOf(Notifications n, State state) {
        if (n == null) {
            return null;
        }
        return switch (state) {
            case PROGRESSING -> n.progressing();
            case COMPLETED -> n.completed();
            case WARNING -> n.warning();
            case ERROR -> n.error();
        };
    }

    /** The document with every member name starting in lower case, as the notifications write them. */
    private static JsonNode camel(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(camel(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey().isEmpty() ? e.getKey() : Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            out.set(name, camel(e.getValue()));
        }
        return out;
    }
}
