package io.haneul.lambda;

import io.haneul.lambda.domain.LambdaException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lambda's paging markers: the last key of the previous page, base64url, so that callers treat it as opaque. */
final class Markers {

    private Markers() {
    }

    static String mark(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a marker carries, or null for none; a marker Haneul did not give is InvalidParameterValueException. */
    static String unmark(String marker) {
        if (marker == null || marker.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaException.invalidParameter("Invalid marker: " + marker);
        }
    }
}
