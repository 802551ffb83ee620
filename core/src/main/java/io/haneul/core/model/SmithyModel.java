package io.haneul.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.XmlNaming;
import software.amazon.awssdk.core.SdkField;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Facts only the Smithy model of a service carries: legacy query error codes
 * ({@code aws.protocols#awsQueryError}) and XML/query member names ({@code xmlName},
 * {@code xmlFlattened}). SQS needs both: its botocore model is JSON-only, but older clients still
 * speak query to it.
 */
public final class SmithyModel implements XmlNaming {

    private final Map<String, JsonNode> shapes = new HashMap<>();
    private final String namespace;

    private SmithyModel(JsonNode root) {
        String ns = null;
        for (Map.Entry<String, JsonNode> e : root.path("shapes").properties()) {
            int hash = e.getKey().indexOf('#');
            shapes.put(e.getKey().substring(hash + 1), e.getValue());
            if (ns == null) {
                ns = e.getKey().substring(0, hash);
            }
        }
        this.namespace = ns;
    }

    /** The Smithy model shipped as {@code /aws-models/smithy/<stem>.smithy.json}, if any. */
    public static Optional<SmithyModel> load(String fileStem) {
        String resource = "/aws-models/smithy/" + fileStem + ".smithy.json";
        try (InputStream in = SmithyModel.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new SmithyModel(new ObjectMapper().readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String namespace() {
        return namespace;
    }

    /** The legacy query error of an error shape: code and HTTP status. */
    public Optional<ErrorShape> queryError(String shapeName) {
        JsonNode trait = shapes.getOrDefault(shapeName, com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                .path("traits").path("aws.protocols#awsQueryError");
        if (trait.isMissingNode()) {
            return Optional.empty();
        }
        int status = trait.path("httpResponseCode").asInt(400);
        return Optional.of(new ErrorShape(shapeName, trait.path("code").asText(shapeName), status, status < 500));
    }

    private JsonNode member(Class<?> owner, SdkField<?> field) {
        JsonNode shape = shapes.get(shapeNameOf(owner));
        if (shape == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return shape.path("members").path(field.memberName());
    }

    /** SDK class → Smithy shape: builders stand for their class, {@code XxxResponse} for {@code XxxResult}. */
    static String shapeNameOf(Class<?> owner) {
        Class<?> c = owner.getEnclosingClass() != null ? owner.getEnclosingClass() : owner;
        String name = c.getSimpleName();
        return name.endsWith("Response") ? name.substring(0, name.length() - 8) + "Result" : name;
    }

    @Override
    public String name(Class<?> owner, SdkField<?> field) {
        JsonNode xmlName = member(owner, field).path("traits").path("smithy.api#xmlName");
        return xmlName.isTextual() ? xmlName.asText() : field.memberName();
    }

    @Override
    public boolean flattened(Class<?> owner, SdkField<?> field) {
        return member(owner, field).path("traits").has("smithy.api#xmlFlattened");
    }

    @Override
    public String listMember(Class<?> owner, SdkField<?> field) {
        JsonNode target = shapes.get(target(owner, field));
        JsonNode name = target == null ? null : target.path("member").path("traits").path("smithy.api#xmlName");
        return name != null && name.isTextual() ? name.asText() : "member";
    }

    @Override
    public String mapKey(Class<?> owner, SdkField<?> field) {
        return mapPart(owner, field, "key");
    }

    @Override
    public String mapValue(Class<?> owner, SdkField<?> field) {
        return mapPart(owner, field, "value");
    }

    private String mapPart(Class<?> owner, SdkField<?> field, String part) {
        JsonNode target = shapes.get(target(owner, field));
        JsonNode name = target == null ? null : target.path(part).path("traits").path("smithy.api#xmlName");
        return name != null && name.isTextual() ? name.asText() : part;
    }

    private String target(Class<?> owner, SdkField<?> field) {
        String t = member(owner, field).path("target").asText("");
        return t.substring(t.indexOf('#') + 1);
    }
}
