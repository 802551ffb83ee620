package io.haneul.rekognition.collections;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of a listing and the token of the next (null on the last page). */
public record Page<T>(List<T> items, String nextToken) {

    /** The opaque token for a page that resumes after {@code lastKey}. */
    public static String token(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a token resumes after; null for no token. */
    public static String after(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new io.haneul.rekognition.domain.RekognitionException("InvalidPaginationTokenException", "Invalid pagination token");
        }
    }

    /** Where a listing ordered by time then name resumes: after the item {@code name} of time {@code millis}. */
    public record TimeCursor(long millis, String name) {

        /** The token for a page that resumes after this item. */
        public String token() {
            return Page.token(millis + "/" + name);
        }

        /** The cursor a token holds; null for no token. */
        public static TimeCursor of(String token) {
            String after = after(token);
            if (after == null) {
                return null;
            }
            int slash = after.indexOf('/');
            if (slash < 1 || slash > 18 || !after.substring(0, slash).chars().allMatch(Character::isDigit)) {
                throw new io.haneul.rekognition.domain.RekognitionException("InvalidPaginationTokenException", "Invalid pagination token");
            }
            return new TimeCursor(Long.parseLong(after.substring(0, slash)), after.substring(slash + 1));
        }
    }
}
