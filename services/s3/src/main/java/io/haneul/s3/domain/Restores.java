package io.haneul.s3.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Archived objects (storage classes GLACIER and DEEP_ARCHIVE) must be restored before their bytes
 * can be read; a restore keeps a readable copy for a number of days. The state travels as S3's own
 * {@code x-amz-restore} header value, e.g. {@code ongoing-request="false", expiry-date="Fri, 21 Dec
 * 2012 00:00:00 GMT"}.
 */
public final class Restores {

    /** The classes S3 refuses to read without a restore (GLACIER_IR is read directly). */
    public static final Set<String> ARCHIVED = Set.of("GLACIER", "DEEP_ARCHIVE");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private Restores() {
    }

    public static boolean archived(String storageClass) {
        return storageClass != null && ARCHIVED.contains(storageClass);
    }

    /** The header value of a completed restore readable until {@code expiry}. */
    public static String completed(Instant expiry) {
        return "ongoing-request=\"false\", expiry-date=\"" + HTTP_DATE.format(expiry) + "\"";
    }

    /** Whether a restore state (a header value, or null) leaves the bytes readable at {@code now}. */
    public static boolean readable(String state, Instant now) {
        Instant expiry = expiry(state);
        return expiry != null && now.isBefore(expiry);
    }

    /** The expiry of a completed restore, or null. */
    public static Instant expiry(String state) {
        if (state == null || !state.contains("ongoing-request=\"false\"")) {
            return null;
        }
        int at = state.indexOf("expiry-date=\"");
        if (at < 0) {
            return null;
        }
        int end = state.indexOf('"', at + 13);
        return Instant.from(HTTP_DATE.parse(state.substring(at + 13, end)));
    }

    /** Restored days end at the midnight UTC after the last whole day, as S3 rounds them. */
    public static Instant expiryAfter(Instant now, int days) {
        return now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
