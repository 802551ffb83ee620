package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.haneul.apigateway.domain.ModelSchemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a request body against one of a deployment's models with networknt's JSON Schema
 * draft-04 validator, references to other models resolved from the same deployment by their
 * canonical URL (never fetched). A compiled model is kept per deployment, which never changes.
 * Errors are worded as API Gateway's validator words them ({@link ValidationMessages}).
 */
public final class BodyValidator {

    private static final int CACHED = 512;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    /**
     * @param schemas every model's schema of the deployment, by name
     * @return the validation errors; empty when the body is valid; one error when it is not JSON
     */
    public List<String> validate(String apiId, String deploymentId, String model, Map<String, String> schemas, String body) {
        JsonNode instance;
        try {
            instance = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of("Invalid JSON: " + e.getOriginalMessage());
        }
        Optional<Schema> schema = schema(apiId, deploymentId, model, schemas);
        if (schema.isEmpty()) {
            return List.of("Invalid model: " + model);
        }
        List<Error> errors = schema.get().validate(instance);
        return errors.isEmpty() ? List.of() : ValidationMessages.of(errors);
    }

    private Optional<Schema> schema(String apiId, String deploymentId, String model, Map<String, String> schemas) {
        if (!schemas.containsKey(model)) {
            return Optional.empty();
        }
        String key = apiId + "/" + deploymentId + "/" + model;
        Schema cached = compiled.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                    b -> b.schemas(ModelSchemas.byUrl(apiId, schemas)));
            Schema schema = registry.getSchema(SchemaLocation.of(ModelSchemas.url(apiId, model)));
            schema.initializeValidators();
            if (compiled.size() >= CACHED) {
                compiled.clear();
            }
            compiled.put(key, schema);
            return Optional.of(schema);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
