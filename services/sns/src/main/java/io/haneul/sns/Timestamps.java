package io.haneul.sns;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** SNS's envelope timestamps: ISO-8601 UTC with milliseconds, e.g. {@code 2012-04-26T20:45:04.751Z}. */
final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String format(Instant t) {
        return FORMAT.format(t);
    }
}
