package io.haneul.core.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. {@link #parse} reports problems with the messages AWS uses; {@link #lenientCredential}
 * extracts just the credential for routing.
 */
record AuthorizationHeader(String algorithm, String credential, String signedHeaders, String signature) {

    /** Problems found while parsing; {@code unsupported} marks a non-SigV4 scheme. */
    static final class ParseException extends Exception {
        final boolean unsupported;

        ParseException(String message, boolean unsupported) {
            super(message, null, false, false);
            this.unsupported = unsupported;
        }
    }

    static AuthorizationHeader parse(String header) throws ParseException {
        String value = header.strip();
        int space = indexOfWhitespace(value);
        String algorithm = space < 0 ? value : value.substring(0, space);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw new ParseException(algorithm, true);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String part : rest.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new ParseException("'" + p + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                            + SecretRedactor.authorization(value) + "'.", false);
                }
                parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        for (String required : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                problems.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        if (!problems.isEmpty()) {
            throw new ParseException(String.join(" ", problems) + " Authorization=" + SecretRedactor.authorization(value), false);
        }
        return new AuthorizationHeader(algorithm, parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature"));
    }

    /** The Credential value of a SigV4 Authorization header, without validation. */
    static Optional<String> lenientCredential(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int at = header.indexOf("Credential=");
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + "Credential=".length();
        int end = start;
        while (end < header.length() && header.charAt(end) != ',' && !Character.isWhitespace(header.charAt(end))) {
            end++;
        }
        return Optional.of(header.substring(start, end));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
