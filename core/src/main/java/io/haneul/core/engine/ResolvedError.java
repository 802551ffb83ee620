package io.haneul.core.engine;

import java.util.Map;

/**
 * An error ready for the wire: its code as the protocol shows it, the model shape it came from
 * (for protocols that name shapes, such as awsJson's {@code __type}), status and fault. The message
 * and its extra fields (S3's {@code Key}) often quote what the client sent; control characters in
 * them become U+FFFD, since XML 1.0 cannot carry them even as character references and an error must
 * always parse.
 */
public record ResolvedError(String code, String shapeName, String message, int status, boolean senderFault,
                            Map<String, Object> fields) {

    public ResolvedError {
        message = printable(message);
        if (fields.values().stream().anyMatch(v -> v instanceof String text && !text.equals(printable(text)))) {
            Map<String, Object> clean = new java.util.LinkedHashMap<>();
            fields.forEach((k, v) -> clean.put(k, v instanceof String text ? printable(text) : v));
            fields = java.util.Collections.unmodifiableMap(clean);
        }
    }

    private static String printable(String text) {
        if (text == null || text.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r')) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.chars().forEach(c -> sb.append(c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? (char) c : '\uFFFD'));
        return sb.toString();
    }
}
