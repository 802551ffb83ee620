package io.haneul.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the API models shipped under {@code /aws-models} on the classpath into {@link ServiceModel}s.
 */
public final class ModelLoader {

    private final ObjectMapper mapper = new ObjectMapper();

    /** The model id of a file stem: {@code sqs} for {@code sqs-2012-11-05}. */
    public static String modelId(String fileStem) {
        return fileStem.replaceFirst("-\\d{4}-\\d{2}-\\d{2}$", "");
    }

    /** Loads {@code /aws-models/<fileStem>.json}, e.g. {@code sqs-2012-11-05}. */
    public ServiceModel load(String fileStem) {
        String resource = "/aws-models/" + fileStem + ".json";
        try (InputStream in = ModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no API model " + resource + " on the classpath");
            }
            ServiceModel model = read(modelId(fileStem), mapper.readTree(in));
            return SmithyModel.load(fileStem).map(smithy -> withQueryErrors(model, smithy)).orElse(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Reads only the model's metadata (protocols, prefixes, signing name), streaming past the rest:
     * what routing needs at startup, at a fraction of the cost of the whole model. Operations,
     * errors and shapes are empty.
     */
    public ServiceModel loadMetadata(String fileStem) {
        String resource = "/aws-models/" + fileStem + ".json";
        try (InputStream in = ModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no API model " + resource + " on the classpath");
            }
            try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(in)) {
                p.nextToken();
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("metadata")) {
                        JsonNode meta = mapper.readTree(p);
                        com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
                        root.set("metadata", meta);
                        return read(modelId(fileStem), root);
                    }
                    p.skipChildren();
                }
            }
            throw new IllegalArgumentException("API model " + resource + " has no metadata");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The request URIs of a model's operations ({@code http.requestUri}), streamed out of the file
     * without building the model: what routing needs to tell apart models that share a signing name.
     */
    public List<String> requestUris(String fileStem) {
        String resource = "/aws-models/" + fileStem + ".json";
        try (InputStream in = ModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no API model " + resource + " on the classpath");
            }
            List<String> uris = new ArrayList<>();
            try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(in)) {
                p.nextToken();
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (!field.equals("operations")) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        p.nextToken();
                        JsonNode op = mapper.readTree(p);
                        uris.add(op.path("http").path("requestUri").asText("/"));
                    }
                    return uris;
                }
            }
            return uris;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Takes the legacy query error codes the Smithy model knows (SQS's AWS.SimpleQueueService.* codes). */
    private static ServiceModel withQueryErrors(ServiceModel model, SmithyModel smithy) {
        Map<String, ErrorShape> errors = new LinkedHashMap<>(model.errors());
        errors.replaceAll((name, shape) -> smithy.queryError(name).orElse(shape));
        return new ServiceModel(model.id(), model.serviceId(), model.apiVersion(), model.protocols(), model.jsonVersion(),
                model.targetPrefix(), model.signingName(), model.endpointPrefix(), model.xmlNamespace(),
                model.awsQueryCompatible(), model.operations(), Map.copyOf(errors), model.shapes());
    }

    ServiceModel read(String id, JsonNode root) {
        JsonNode meta = root.path("metadata");
        List<String> protocols = new ArrayList<>();
        meta.path("protocols").forEach(p -> protocols.add(p.asText()));
        if (protocols.isEmpty()) {
            protocols.add(meta.path("protocol").asText());
        }
        Map<String, JsonNode> shapes = new LinkedHashMap<>();
        root.path("shapes").properties().forEach(e -> shapes.put(e.getKey(), e.getValue()));
        Map<String, ErrorShape> errors = new LinkedHashMap<>();
        shapes.forEach((name, shape) -> {
            if (shape.path("exception").asBoolean(false) || shape.has("error")) {
                errors.put(name, errorShape(name, shape));
            }
        });
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("operations").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            operations.put(e.getKey(), operation(e.getValue()));
        }
        return new ServiceModel(id, meta.path("serviceId").asText(), meta.path("apiVersion").asText(),
                List.copyOf(protocols), text(meta, "jsonVersion"), text(meta, "targetPrefix"),
                meta.path("signingName").asText(meta.path("endpointPrefix").asText()),
                meta.path("endpointPrefix").asText(), text(meta, "xmlNamespace"),
                meta.has("awsQueryCompatible"), Map.copyOf(operations), Map.copyOf(errors), Map.copyOf(shapes));
    }

    private static ErrorShape errorShape(String name, JsonNode shape) {
        JsonNode error = shape.path("error");
        String code = error.path("code").asText(name);
        int status = error.path("httpStatusCode").asInt(400);
        boolean sender = error.path("senderFault").asBoolean(status < 500);
        return new ErrorShape(name, code, status, sender);
    }

    private static OperationModel operation(JsonNode op) {
        JsonNode http = op.path("http");
        List<String> errors = new ArrayList<>();
        op.path("errors").forEach(e -> errors.add(e.path("shape").asText()));
        return new OperationModel(op.path("name").asText(), http.path("method").asText("POST"),
                http.path("requestUri").asText("/"), http.path("responseCode").asInt(200),
                text(op.path("input"), "shape"), text(op.path("output"), "shape"),
                text(op.path("output"), "resultWrapper"), List.copyOf(errors));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
