package io.haneul.core.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How the Numeric and Date operators read values: decimals, and ISO 8601 dates/times or epoch seconds. */
final class PolicyValues {

    private PolicyValues() {
    }

    /** The number, or null when the text is not one. */
    static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The instant, or null when the text is neither an ISO 8601 date/time nor epoch seconds. */
    static Instant date(String s) {
        String t = s.strip();
        try {
            if (t.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }
}
