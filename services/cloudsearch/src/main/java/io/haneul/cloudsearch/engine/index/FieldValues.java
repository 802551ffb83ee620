package io.haneul.cloudsearch.engine.index;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses and prints field values the way CloudSearch writes them (dates in UTC ISO 8601, latlon as {@code lat,lon}). */
public final class FieldValues {

    private static final DateTimeFormatter PRINT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PRINT_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FieldValues() {
    }

    public static long parseInt(String v) {
        return Long.parseLong(v.trim());
    }

    public static double parseDouble(String v) {
        double d = Double.parseDouble(v.trim());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NumberFormatException(v);
        }
        return d;
    }

    /** Epoch milliseconds of an ISO 8601 date-time (RFC 3339, as CloudSearch takes them). */
    public static long parseDate(String v) {
        String s = v.trim();
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        }
    }

    public static String printDate(long millis) {
        return (millis % 1000 == 0 ? PRINT : PRINT_MILLIS).format(Instant.ofEpochMilli(millis));
    }

    /** {@code [latitude, longitude]} of a {@code lat,lon} value, each in range. */
    public static double[] parseLatLon(String v) {
        String[] parts = v.split(",");
        if (parts.length != 2) {
            throw new NumberFormatException(v);
        }
        double lat = Double.parseDouble(parts[0].trim());
        double lon = Double.parseDouble(parts[1].trim());
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw new NumberFormatException(v);
        }
        return new double[]{lat, lon};
    }

    public static String printDouble(double d) {
        return Double.toString(d);
    }
}
