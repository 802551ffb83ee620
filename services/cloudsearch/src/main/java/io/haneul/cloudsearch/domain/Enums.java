package io.haneul.cloudsearch.domain;

import java.util.Collection;

/**
 * Enum members the back end judges itself: query front ends pass unknown strings on (Haneul's model
 * validation does not check enums of query services), and CloudSearch refuses them in the front
 * ends' words.
 */
public final class Enums {

    private Enums() {
    }

    /** Refuses {@code value} (when set) unless it is one of {@code allowed}; {@code path} is the member's Coral path. */
    public static void check(String value, Collection<String> allowed, String path) {
        if (value != null && !allowed.contains(value)) {
            throw CloudSearchException.invalid("1 validation error detected: Value '" + value + "' at '" + path
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }
}
