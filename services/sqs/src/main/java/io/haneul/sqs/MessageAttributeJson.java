package io.haneul.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a message's user and system attributes as one JSON text beside the body, and reads them
 * back as the SDK's attribute values.
 */
final class MessageAttributeJson {

    /** User attributes and system attributes of one message. */
    record Attributes(Map<String, MessageAttributeValue> user, Map<String, MessageSystemAttributeValue> system) {
    }

    private final ObjectMapper json = new ObjectMapper();

    String write(Map<String, MessageAttributeValue> user, Map<String, MessageSystemAttributeValue> system) {
        if ((user == null || user.isEmpty()) && (system == null || system.isEmpty())) {
            return null;
        }
        ObjectNode root = json.createObjectNode();
        ObjectNode u = root.putObject("u");
        if (user != null) {
            user.forEach((name, v) -> u.set(name, value(v.dataType(), v.stringValue(), v.binaryValue(),
                    v.stringListValues(), v.binaryListValues())));
        }
        ObjectNode s = root.putObject("s");
        if (system != null) {
            system.forEach((name, v) -> s.set(name, value(v.dataType(), v.stringValue(), v.binaryValue(),
                    v.stringListValues(), v.binaryListValues())));
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode value(String type, String string, SdkBytes binary, List<String> strings, List<SdkBytes> binaries) {
        ObjectNode n = json.createObjectNode();
        n.put("t", type);
        if (string != null) {
            n.put("s", string);
        }
        if (binary != null) {
            n.put("b", Base64.getEncoder().encodeToString(binary.asByteArrayUnsafe()));
        }
        if (strings != null && !strings.isEmpty()) {
            ArrayNode a = n.putArray("sl");
            strings.forEach(a::add);
        }
        if (binaries != null && !binaries.isEmpty()) {
            ArrayNode a = n.putArray("bl");
            binaries.forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArrayUnsafe())));
        }
        return n;
    }

    Attributes read(String text) {
        Map<String, MessageAttributeValue> user = new LinkedHashMap<>();
        Map<String, MessageSystemAttributeValue> system = new LinkedHashMap<>();
        if (text != null) {
            try {
                JsonNode root = json.readTree(text);
                root.path("u").properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    user.put(e.getKey(), MessageAttributeValue.builder().dataType(v.path("t").asText())
                            .stringValue(text(v, "s")).binaryValue(bytes(v, "b"))
                            .stringListValues(strings(v)).binaryListValues(binaries(v)).build());
                });
                root.path("s").properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    system.put(e.getKey(), MessageSystemAttributeValue.builder().dataType(v.path("t").asText())
                            .stringValue(text(v, "s")).binaryValue(bytes(v, "b")).build());
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt message attributes", e);
            }
        }
        return new Attributes(user, system);
    }

    private static String text(JsonNode v, String field) {
        return v.has(field) ? v.get(field).asText() : null;
    }

    private static SdkBytes bytes(JsonNode v, String field) {
        return v.has(field) ? SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(v.get(field).asText())) : null;
    }

    private static List<String> strings(JsonNode v) {
        if (!v.has("sl")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.get("sl").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<SdkBytes> binaries(JsonNode v) {
        if (!v.has("bl")) {
            return null;
        }
        List<SdkBytes> out = new ArrayList<>();
        v.get("bl").forEach(n -> out.add(SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(n.asText()))));
        return out;
    }
}
