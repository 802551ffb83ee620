package io.haneul.sns.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Message attributes as SNS validates them on Publish: names, the data types String, Number,
 * Binary (each with an optional custom suffix) and String.Array, and their values. Violations are
 * InvalidParameterValue, with AWS's messages.
 */
public final class MessageAttributes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageAttributes() {
    }

    /** One message attribute: its data type and either a string or a binary value. */
    public record Attribute(String dataType, String stringValue, byte[] binaryValue) {
        public boolean binary() {
            return dataType.startsWith("Binary");
        }
    }

    /**
     * The most attributes one message may carry, as on AWS. Without it a single Publish could carry
     * thousands of attributes, each re-encoded into every delivery, filter-policy match and dead letter.
     */
    public static final int MAX_PER_MESSAGE = 10;

    /** Validates every attribute; returns their size in bytes (names, types and values) for the message size limit. */
    public static int validate(Map<String, Attribute> attributes) {
        if (attributes.size() > MAX_PER_MESSAGE) {
            throw SnsException.invalidParameterValue("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + MAX_PER_MESSAGE + "].");
        }
        int size = 0;
        for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
            size += validate(e.getKey(), e.getValue());
        }
        return size;
    }

    static int validate(String name, Attribute a) {
        checkName(name);
        String type = a.dataType();
        if (type == null || type.isEmpty()) {
            throw SnsException.invalidParameterValue("The message attribute '" + name + "' must contain non-empty message attribute type.");
        }
        String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        if (!base.equals("String") && !base.equals("Number") && !base.equals("Binary")) {
            throw SnsException.invalidParameterValue("The message attribute '" + name
                    + "' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
        int size = name.getBytes(StandardCharsets.UTF_8).length + type.getBytes(StandardCharsets.UTF_8).length;
        String field = base.equals("Binary") ? "Binary" : "String";
        boolean hasOwn = base.equals("Binary") ? a.binaryValue() != null : a.stringValue() != null;
        boolean hasOther = base.equals("Binary") ? a.stringValue() != null : a.binaryValue() != null;
        if (!hasOwn && hasOther) {
            throw SnsException.invalidParameterValue("The message attribute '" + name + "' with type '" + type
                    + "' must use field '" + field + "'.");
        }
        if (base.equals("Binary")) {
            if (a.binaryValue() == null || a.binaryValue().length == 0) {
                throw SnsException.invalidParameterValue("The message attribute '" + name
                        + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
            }
            return size + a.binaryValue().length;
        }
        String v = a.stringValue();
        if (v == null || v.isEmpty()) {
            throw SnsException.invalidParameterValue("The message attribute '" + name
                    + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
        }
        if (base.equals("Number")) {
            try {
                new BigDecimal(v.trim());
            } catch (NumberFormatException e) {
                throw SnsException.invalidParameterValue("Could not cast message attribute '" + name + "' value to number.");
            }
        }
        if (type.equals("String.Array")) {
            JsonNode arr;
            try {
                arr = JSON.readTree(v);
            } catch (Exception e) {
                arr = null;
            }
            boolean ok = arr != null && arr.isArray();
            if (ok) {
                for (JsonNode n : arr) {
                    ok &= !n.isContainerNode();
                }
            }
            if (!ok) {
                throw SnsException.invalidParameterValue("Invalid attribute value '" + v + "' for message attribute '" + name
                        + "' of type 'String.Array': must be a JSON array of strings, numbers, true, false or null.");
            }
        }
        return size + v.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > 256) {
            throw SnsException.invalidParameterValue("The message attribute name must be between 1 and 256 characters long.");
        }
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw SnsException.invalidParameterValue("Invalid attribute name: " + name);
        }
        String lower = name.toLowerCase();
        if ((lower.startsWith("aws.") && !name.startsWith("AWS.SNS.") && !name.startsWith("AWS.MM."))
                || lower.startsWith("amazon.")) {
            throw SnsException.invalidParameterValue("The message attribute name '" + name
                    + "' is reserved: names starting with AWS. or Amazon. are reserved for use by AWS.");
        }
    }
}
