package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a content type is one of the API's {@code binaryMediaTypes} (which may use {@code *} wildcards, e.g. {@code image/*} or {@code *}{@code /*}). */
final class BinaryTypes {

    private BinaryTypes() {
    }

    static boolean isBinary(JsonNode api, String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        for (JsonNode t : api.path("binaryMediaTypes")) {
            String pattern = t.asText().toLowerCase(java.util.Locale.ROOT);
            if (pattern.equals(type) || type.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }
}
