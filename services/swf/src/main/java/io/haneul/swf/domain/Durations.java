package io.haneul.swf.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * SWF's timeouts are strings of whole seconds, or "NONE" (no limit) where the API allows it.
 */
public final class Durations {

    public static final String NONE = "NONE";

    private Durations() {
    }

    /** The duration a timeout string names; empty for NONE. */
    public static Optional<Duration> of(String value) {
        if (value == null || NONE.equals(value)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    /** Checks a timeout value as the API takes it (seconds ≥ 0, or NONE when allowed). */
    public static String check(String member, String value, boolean noneAllowed) {
        if (value == null) {
            return null;
        }
        if (NONE.equals(value)) {
            if (noneAllowed) {
                return value;
            }
        } else {
            try {
                if (Long.parseLong(value) >= 0 && value.chars().allMatch(Character::isDigit)) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // answered below
            }
        }
        throw SwfException.validation("Invalid value '" + value + "' for " + member);
    }

    /** Checks a task priority: an integer in Java's int range, or absent. */
    public static String checkPriority(String member, String value) {
        if (value == null) {
            return null;
        }
        try {
            Integer.parseInt(value);
            return value;
        } catch (NumberFormatException e) {
            throw SwfException.validation("Invalid value '" + value + "' for " + member + ": an integer is expected");
        }
    }

    /** The first non-null of request and default values. */
    public static String firstOf(String requested, String fallback) {
        return requested != null ? requested : fallback;
    }
}
