package io.haneul.iam.domain;

import java.util.Locale;

/**
 * IAM names are unique within an account regardless of case ("Role names are not distinguished by
 * case"), but answered as created. Stores key entities by this form.
 */
public final class Names {

    private Names() {
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The path to store: "/" when none was given, as AWS defaults it. */
    public static String path(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }
}
