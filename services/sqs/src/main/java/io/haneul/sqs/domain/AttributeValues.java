package io.haneul.sqs.domain;

import java.util.Set;

/**
 * Parses queue attribute values (always strings on the wire) into their canonical stored form,
 * answering {@code InvalidAttributeValue} ("Invalid value for the parameter X.") when malformed.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /** A plain decimal integer in {@code [min, max]}, canonicalized (no sign, spaces or fraction allowed). */
    static String integer(String name, String value, long min, long max) {
        if (value == null || !value.matches("\\d{1,12}")) {
            throw SqsException.invalidAttributeValue(name);
        }
        long v = Long.parseLong(value);
        if (v < min || v > max) {
            throw SqsException.invalidAttributeValue(name);
        }
        return Long.toString(v);
    }

    /** {@code true} or {@code false}, any case, stored lower-case. */
    static String bool(String name, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return "true";
        }
        if ("false".equalsIgnoreCase(value)) {
            return "false";
        }
        throw SqsException.invalidAttributeValue(name);
    }

    /** One of {@code allowed}, exactly. */
    static String choice(String name, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw SqsException.invalidAttributeValue(name);
        }
        return value;
    }

    /** A queue Policy: any JSON object, kept as given. */
    static String policy(String name, String value) {
        if (Json.parseObject(value).isEmpty()) {
            throw SqsException.invalidAttributeValue(name);
        }
        return value;
    }
}
