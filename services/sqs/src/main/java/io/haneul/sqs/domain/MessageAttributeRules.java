package io.haneul.sqs.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Rules for message attributes and message system attributes on send: at most 10 attributes; names
 * of at most 256 letters, digits, {@code _ - .}, not starting with {@code AWS.}/{@code Amazon.}, with
 * no leading, trailing or doubled period; types String, Number or Binary with an optional
 * {@code .label}; exactly one non-empty value of the type's kind; Numbers numeric. The only system
 * attribute is {@code AWSTraceHeader}, a String.
 *
 * <p>Names may use any Unicode letter or digit: AWS accepts e.g. {@code attr.1øßä}.
 */
public final class MessageAttributeRules {

    public static final int MAX_ATTRIBUTES = 10;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_TYPE_LENGTH = 256;
    public static final String AWS_TRACE_HEADER = "AWSTraceHeader";

    private static final Pattern TYPE = Pattern.compile("(String|Number|Binary)(\\..*)?", Pattern.DOTALL);

    private MessageAttributeRules() {
    }

    /** Checks MessageAttributes (null or empty is fine). */
    public static void checkAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return;
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw invalid("Number of message attributes [" + attributes.size() + "] exceeds the allowed maximum ["
                    + MAX_ATTRIBUTES + "].");
        }
        for (Map.Entry<String, MessageAttribute> e : sorted(attributes).entrySet()) {
            checkName(e.getKey());
            checkAttribute("(user)", e.getKey(), e.getValue());
        }
    }

    /** Checks MessageSystemAttributes: only {@code AWSTraceHeader}, of type String. */
    public static void checkSystemAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return;
        }
        for (Map.Entry<String, MessageAttribute> e : sorted(attributes).entrySet()) {
            if (!AWS_TRACE_HEADER.equals(e.getKey())) {
                throw invalid("Message system attribute name '" + e.getKey() + "' is invalid.");
            }
            checkAttribute("system", e.getKey(), e.getValue());
            if (!"String".equals(e.getValue().baseType())) {
                throw invalid("Message system attribute '" + AWS_TRACE_HEADER + "' must be of type 'String'.");
            }
        }
    }

    /** Bytes an attribute map adds to a message's size: names, data types and values. */
    public static long size(Map<String, MessageAttribute> attributes) {
        if (attributes == null) {
            return 0;
        }
        long n = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            n += utf8Length(e.getKey());
            if (a == null) {
                continue;
            }
            n += utf8Length(a.dataType()) + utf8Length(a.stringValue());
            n += a.binaryValue() == null ? 0 : a.binaryValue().length;
            for (String s : a.stringListValues()) {
                n += utf8Length(s);
            }
            for (byte[] b : a.binaryListValues()) {
                n += b.length;
            }
        }
        return n;
    }

    static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw invalid("The request must contain non-empty message (user) attribute names.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid("Message (user) attribute name must be shorter than 256 bytes.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
                throw invalid("Message (user) attributes name can only contain upper and lower score characters, "
                        + "digits, periods, hyphens and underscores. ");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("aws.") || lower.startsWith("amazon.") || name.startsWith(".") || name.endsWith(".")) {
            throw invalid("You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are "
                    + "reserved for internal use. Additionally, they cannot start or end with '.'.");
        }
        if (name.contains("..")) {
            throw invalid("Message (user) attribute name must not have successive '.' characters.");
        }
    }

    private static void checkAttribute(String kind, String name, MessageAttribute a) {
        if (a == null) {
            throw invalid("The message " + kind + " attribute '" + name + "' must contain a non-empty message attribute value.");
        }
        String type = a.dataType();
        if (type == null || type.isEmpty()) {
            throw invalid("The message " + kind + " attribute '" + name + "' must contain a non-empty message attribute type.");
        }
        if (!a.stringListValues().isEmpty() || !a.binaryListValues().isEmpty()) {
            throw invalid("Message attribute list values in SendMessage operation are not supported.");
        }
        if (type.length() > MAX_TYPE_LENGTH) {
            throw invalid("Message " + kind + " attribute type must be shorter than 256 bytes.");
        }
        if (!TYPE.matcher(type).matches()) {
            throw invalid("The type of message " + kind + " attribute '" + name
                    + "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        }
        String prefix = "Message " + kind + " attribute '" + name + "'";
        if (a.stringValue() != null && a.binaryValue() != null) {
            throw invalid(prefix + " must have a single value.");
        }
        boolean binary = "Binary".equals(a.baseType());
        if (binary ? a.binaryValue() == null && a.stringValue() != null : a.stringValue() == null && a.binaryValue() != null) {
            throw invalid(prefix + " with type '" + type + "' must use field '" + (binary ? "Binary" : "String") + "'.");
        }
        boolean empty = binary ? a.binaryValue() == null || a.binaryValue().length == 0
                : a.stringValue() == null || a.stringValue().isEmpty();
        if (empty) {
            throw invalid(prefix + " must contain a non-empty value of type '" + type + "'.");
        }
        if (!binary && !MessageValidation.validCharacters(a.stringValue())) {
            throw invalid(MessageValidation.INVALID_CHARACTERS);
        }
        if ("Number".equals(a.baseType()) && !numeric(a.stringValue())) {
            throw invalid("Can't cast the value of message " + kind + " attribute '" + name + "' to a number.");
        }
    }

    private static boolean numeric(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, MessageAttribute> sorted(Map<String, MessageAttribute> attributes) {
        Map<String, MessageAttribute> m = new TreeMap<>();
        attributes.forEach((k, v) -> m.put(k == null ? "" : k, v));
        return m;
    }

    private static SqsException invalid(String message) {
        return SqsException.invalidParameterValue(message);
    }
}
