package io.haneul.s3.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListObjectsV2 continuation tokens: opaque to clients, here the resume cursor, base64url.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String encode(Listing.Cursor cursor) {
        String raw = (cursor.inclusive() ? "i" : "e") + cursor.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws S3Exception InvalidArgument for a token this server did not issue */
    public static Listing.Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            if (raw.startsWith("i")) {
                return new Listing.Cursor(raw.substring(1), true, 0);
            }
            if (raw.startsWith("e")) {
                return Listing.Cursor.after(raw.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw S3Exception.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
}
