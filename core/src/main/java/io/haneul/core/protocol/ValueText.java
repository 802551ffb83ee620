package io.haneul.core.protocol;

import io.haneul.core.error.AwsErrorException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Scalars as text, the way AWS protocols put them in query strings, form fields, headers, paths and
 * XML: numbers and booleans in their plain form, blobs in base64, timestamps in ISO 8601, RFC 822
 * or epoch seconds as the protocol or the member's timestampFormat says.
 */
public final class ValueText {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** HTTP-date (IMF-fixdate) as AWS writes it: always a two-digit day, unlike RFC_1123_DATE_TIME. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Instant.MAX.getEpochSecond());
    private static final BigDecimal MIN_EPOCH_SECONDS = BigDecimal.valueOf(Instant.MIN.getEpochSecond());

    private ValueText() {
    }

    /** The default timestamp format of a location in a protocol family. */
    public enum TimeFormat { ISO_8601, RFC_822, EPOCH_SECONDS }

    public static Object parse(SdkField<?> field, String text, TimeFormat defaultTime) {
        MarshallingType<?> t = field.marshallingType();
        try {
            if (t == MarshallingType.STRING) {
                return text;
            } else if (t == MarshallingType.INTEGER) {
                return Integer.valueOf(text.trim());
            } else if (t == MarshallingType.LONG) {
                return Long.valueOf(text.trim());
            } else if (t == MarshallingType.SHORT) {
                return Short.valueOf(text.trim());
            } else if (t == MarshallingType.BYTE) {
                return Byte.valueOf(text.trim());
            } else if (t == MarshallingType.FLOAT) {
                return Float.valueOf(text.trim());
            } else if (t == MarshallingType.DOUBLE) {
                return Double.valueOf(text.trim());
            } else if (t == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(text.trim());
            } else if (t == MarshallingType.BOOLEAN) {
                return parseBoolean(field, text.trim());
            } else if (t == MarshallingType.INSTANT) {
                return parseInstant(text.trim(), timeFormat(field, defaultTime));
            } else if (t == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(text));
            }
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw invalid(field, text);
        }
        throw new IllegalArgumentException("not a scalar: " + field.memberName());
    }

    public static String format(SdkField<?> field, Object value, TimeFormat defaultTime) {
        if (value instanceof Instant i) {
            return formatInstant(i, timeFormat(field, defaultTime));
        } else if (value instanceof SdkBytes b) {
            return Base64.getEncoder().encodeToString(b.asByteArrayUnsafe());
        } else if (value instanceof Double d) {
            return formatDouble(d);
        } else if (value instanceof Float f) {
            return formatDouble(f.doubleValue());
        } else if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return String.valueOf(value);
    }

    public static String formatInstant(Instant i, TimeFormat format) {
        return switch (format) {
            case ISO_8601 -> ISO_MILLIS.format(i);
            case RFC_822 -> HTTP_DATE.format(i);
            case EPOCH_SECONDS -> epochSeconds(i).toPlainString();
        };
    }

    public static BigDecimal epochSeconds(Instant i) {
        return BigDecimal.valueOf(i.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
    }

    public static Instant parseInstant(String text, TimeFormat format) {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) && text.indexOf('-') < 0 && text.indexOf(',') < 0)) {
            return fromEpochSeconds(new BigDecimal(text));
        }
        if (format == TimeFormat.RFC_822 || text.indexOf(',') > 0) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    /** @throws DateTimeException when the value is outside the range of {@link Instant} */
    public static Instant fromEpochSeconds(BigDecimal seconds) {
        if (seconds.compareTo(MAX_EPOCH_SECONDS) > 0 || seconds.compareTo(MIN_EPOCH_SECONDS) < 0) {
            throw new DateTimeException("epoch seconds out of range");
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static TimeFormat timeFormat(SdkField<?> field, TimeFormat defaultTime) {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        if (trait == null) {
            return defaultTime;
        }
        return switch (trait.format()) {
            case ISO_8601 -> TimeFormat.ISO_8601;
            case RFC_822 -> TimeFormat.RFC_822;
            case UNIX_TIMESTAMP, UNIX_TIMESTAMP_MILLIS -> TimeFormat.EPOCH_SECONDS;
        };
    }

    private static Boolean parseBoolean(SdkField<?> field, String text) {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        } else if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw invalid(field, text);
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static AwsErrorException invalid(SdkField<?> field, String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return new AwsErrorException("SerializationException",
                "Value '" + shown + "' for member " + field.memberName() + " is not a valid "
                        + field.marshallingType().getTargetClass().getSimpleName(), 400);
    }
}
