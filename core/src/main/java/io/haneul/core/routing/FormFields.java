package io.haneul.core.routing;

import io.haneul.core.wire.WireRequest;

import java.nio.charset.StandardCharsets;

/**
 * Finds one field of an {@code application/x-www-form-urlencoded} body without decoding the rest:
 * routing needs {@code Action} and {@code Version}, and a body of many megabytes (an SQS message, a
 * raw email) should not be copied into a String and split into a map just to learn them.
 */
final class FormFields {

    private FormFields() {
    }

    /** The decoded value of the first field named {@code name} (an ASCII name sent unencoded), or null. */
    static String first(byte[] form, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < form.length) {
            int end = indexOf(form, (byte) '&', start);
            if (startsWith(form, start, end, wanted) && start + wanted.length < end && form[start + wanted.length] == '=') {
                int from = start + wanted.length + 1;
                return WireRequest.percentDecode(new String(form, from, end - from, StandardCharsets.UTF_8), true);
            }
            start = end + 1;
        }
        return null;
    }

    private static boolean startsWith(byte[] form, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (form[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] form, byte b, int from) {
        for (int i = from; i < form.length; i++) {
            if (form[i] == b) {
                return i;
            }
        }
        return form.length;
    }
}
