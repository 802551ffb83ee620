package io.haneul.lambda.url;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The time formats of function URLs, which differ from the rest of Lambda's: CreationTime and
 * LastModifiedTime are ISO-8601 with microseconds and {@code Z} ({@code 2026-12-07T06:15:00.123456Z}),
 * and an event's {@code requestContext.time} is the access-log form ({@code 07/Dec/2026:06:15:00 +0000}).
 */
public final class UrlTimes {

    private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EVENT = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private UrlTimes() {
    }

    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static String api(long epochMicros) {
        return API.format(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS));
    }

    public static String event(Instant instant) {
        return EVENT.format(instant);
    }
}
