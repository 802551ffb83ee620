package io.haneul.sagemaker.hosting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.AsyncInferenceConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Asynchronous inference: InvokeEndpointAsync stores the request on the durable scheduler (kind
 * {@value #KIND}) and answers the output location at once; the job reads the input object from S3,
 * invokes the endpoint, writes the answer to {@code <S3OutputPath>/<InferenceId>.out} (or the error to
 * {@code <S3FailurePath>/<InferenceId>-error.out}) and publishes the success or error notification that
 * the configuration's SNS topics ask for, in SageMaker's JSON.
 */
final class AsyncInvocations implements JobHandler {

    static final String KIND = "sagemaker.async-invocation";
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hosting h;
    private final Invocations invocations;

    AsyncInvocations(Hosting h, Invocations invocations) {
        this.h = h;
        this.invocations = invocations;
    }

    InvokeEndpointAsyncResponse submit(String account, String region, InvokeEndpointAsyncRequest req) {
        DescribeEndpointResponse endpoint = h.find(account, region, Hosting.ENDPOINT, req.endpointName(), DescribeEndpointResponse.class)
                .filter(e -> !e.endpointStatusAsString().equals("Creating") && !e.endpointStatusAsString().equals("Failed"))
                .orElseThrow(() -> HostingException.validationError("Endpoint " + req.endpointName() + " of account " + account + " not found."));
        AsyncInferenceConfig config = endpoint.asyncInferenceConfig();
        if (config == null || config.outputConfig() == null || config.outputConfig().s3OutputPath() == null) {
            throw HostingException.validationError("Endpoint " + req.endpointName() + " of account " + account
                    + " is not configured for asynchronous inference.");
        }
        S3Location input = S3Location.parse(req.inputLocation(), "InputLocation");
        String id = req.inferenceId() != null ? req.inferenceId() : UUID.randomUUID().toString();
        String output = S3Location.parse(config.outputConfig().s3OutputPath(), "S3OutputPath").child(id + ".out").uri();
        String failurePath = config.outputConfig().s3FailurePath() != null ? config.outputConfig().s3FailurePath()
                : config.outputConfig().s3OutputPath();
        String failure = S3Location.parse(failurePath, "S3FailurePath").child(id + "-error.out").uri();
        ObjectNode p = JSON.createObjectNode().put("account", account).put("region", region).put("endpoint", req.endpointName())
                .put("input", input.uri()).put("output", output).put("failure", failure).put("id", id)
                .put("received", h.clock.instant().toString());
        putIfSet(p, "contentType", req.contentType());
        putIfSet(p, "accept", req.accept());
        putIfSet(p, "success", config.outputConfig().notificationConfig() == null ? null : config.outputConfig().notificationConfig().successTopic());
        putIfSet(p, "error", config.outputConfig().notificationConfig() == null ? null : config.outputConfig().notificationConfig().errorTopic());
        h.scheduler.schedule(KIND, id, p.toString(), h.clock.instant());
        return InvokeEndpointAsyncResponse.builder().inferenceId(id).outputLocation(output).failureLocation(failure).build();
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode p = JSON.readTree(job.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        ObjectStorage s3 = h.storage.get();
        S3Location input = S3Location.parse(p.get("input").asText(), "InputLocation");
        String contentType = text(p, "contentType");
        try {
            byte[] body;
            try (ObjectStorage.StoredObject o = s3.getObject(account, input.bucket(), input.key()); InputStream in = o.content()) {
                body = in.readAllBytes();
            } catch (ObjectStorage.ObjectStorageException e) {
                throw HostingException.validationError("Could not read the input at " + input.uri() + ": " + e.getMessage());
            }
            Invocations.Result r = invocations.invoke(account, region, p.get("endpoint").asText(), body, contentType, text(p, "accept"),
                    Target.NONE, p.get("id").asText());
            S3Location out = S3Location.parse(p.get("output").asText(), "S3OutputPath");
            s3.putObject(account, region, out.bucket(), out.key(), r.prediction().body(), r.prediction().contentType());
            notify(p, "success", "Completed", null, r.prediction().contentType());
        } catch (HostingException e) {
            S3Location failure = S3Location.parse(p.get("failure").asText(), "S3FailurePath");
            s3.putObject(account, region, failure.bucket(), failure.key(), e.getMessage().getBytes(StandardCharsets.UTF_8), "text/plain");
            notify(p, "error", "Failed", e.getMessage(), null);
        }
    }

    private void notify(JsonNode p, String topicField, String status, String failureReason, String outputType) {
        String topic = text(p, topicField);
        if (topic == null) {
            return;
        }
        ObjectNode m = JSON.createObjectNode().put("awsRegion", p.get("region").asText()).put("eventTime", Instant.now(h.clock).toString())
                .put("receivedTime", p.get("received").asText()).put("invocationStatus", status);
        if (failureReason != null) {
            m.put("failureReason", failureReason);
        }
        ObjectNode req = m.putObject("requestParameters").put("endpointName", p.get("endpoint").asText()).put("inputLocation", p.get("input").asText());
        putIfSet(req, "contentType", text(p, "contentType"));
        putIfSet(req, "accept", text(p, "accept"));
        ObjectNode res = m.putObject("responseParameters");
        if (failureReason == null) {
            putIfSet(res, "contentType", outputType);
            res.put("outputLocation", p.get("output").asText());
        } else {
            res.put("failureLocation", p.get("failure").asText());
        }
        m.put("inferenceId", p.get("id").asText()).put("eventVersion", "1.0").put("eventSource", "aws:sagemaker").put("eventName", "InferenceResult");
        String source = Hosting.arn(p.get("region").asText(), p.get("account").asText(), Hosting.ENDPOINT, p.get("endpoint").asText());
        try {
            h.topics.get().ifPresent(t -> t.publish(topic, p.get("account").asText(), source, null, m.toString()));
        } catch (RuntimeException e) {
            LOG.warn("asynchronous inference notification to {} failed: {}", topic, e.getMessage());
        }
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
