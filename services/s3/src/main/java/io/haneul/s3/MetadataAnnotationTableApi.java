package io.haneul.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.engine.DocumentOperations;
import io.haneul.core.engine.RequestContext;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;

import java.util.Map;
import java.util.Set;

/**
 * UpdateBucketMetadataAnnotationTableConfiguration, which the SDK Haneul is built with has no classes
 * for, answered on documents: turns the annotation table of a bucket's V2 S3 Metadata configuration on
 * or off (with its role and encryption), kept beside the configuration and shown by
 * GetBucketMetadataConfiguration as {@code AnnotationTableConfigurationResult} (table {@code annotation},
 * {@code ACTIVE} while enabled), a member the SDK's classes lack. As for the journal and inventory
 * tables, no table is written (Haneul has no S3 Tables).
 */
@DocumentOperations.Names({"UpdateBucketMetadataAnnotationTableConfiguration"})
final class MetadataAnnotationTableApi implements DocumentOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BucketConfigurations configs;

    MetadataAnnotationTableApi(BucketConfigurations configs) {
        this.configs = configs;
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("UpdateBucketMetadataAnnotationTableConfiguration", this::update);
    }

    private JsonNode update(RequestContext ctx, JsonNode in) throws JsonProcessingException {
        String bucket = in.path("Bucket").asText();
        JsonNode update = in.path("AnnotationTableConfiguration");
        String state = update.path("ConfigurationState").asText("");
        if (!Set.of("ENABLED", "DISABLED").contains(state)) {
            throw S3Exception.malformedXml();
        }
        configs.bucket(ctx, bucket);
        if (!configs.has(bucket, Kind.METADATA)) {
            throw S3Exception.withBucket(S3Error.MetadataConfigurationNotFound, bucket);
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode().put("ConfigurationState", state);
        if (update.hasNonNull("Role")) {
            kept.put("Role", update.get("Role").asText());
        }
        if (update.has("EncryptionConfiguration")) {
            kept.set("EncryptionConfiguration", update.get("EncryptionConfiguration"));
        }
        configs.putJson(bucket, Kind.METADATA_ANNOTATION, JSON.writeValueAsString(kept));
        return JsonNodeFactory.instance.objectNode();
    }

    /** GetBucketMetadataConfiguration's extra members: the annotation table's result, when one was configured. */
    static ObjectNode result(BucketConfigurations configs, String bucket) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode kept = configs.json(bucket, Kind.METADATA_ANNOTATION).map(MetadataAnnotationTableApi::read).orElse(null);
        if (kept == null || !configs.has(bucket, Kind.METADATA)) {
            return out;
        }
        ObjectNode result = out.putObject("GetBucketMetadataConfigurationResult").putObject("MetadataConfigurationResult")
                .putObject("AnnotationTableConfigurationResult");
        result.put("ConfigurationState", kept.path("ConfigurationState").asText());
        if ("ENABLED".equals(kept.path("ConfigurationState").asText())) {
            result.put("TableStatus", "ACTIVE").put("TableName", "annotation");
        }
        if (kept.hasNonNull("Role")) {
            result.put("Role", kept.get("Role").asText());
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt annotation table configuration", e);
        }
    }
}
