package io.haneul.cloudsearch.domain;

import java.util.List;

/**
 * The analysis scheme languages (34 languages and {@code mul}, multiple languages) and the built-in
 * scheme each has, {@code _<lang>_default_}, which text fields may name without defining it.
 */
public final class Languages {

    public static final List<String> CODES = List.of("ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "eu", "fa", "fi", "fr",
            "ga", "gl", "he", "hi", "hu", "hy", "id", "it", "ja", "ko", "lv", "mul", "nl", "no", "pt", "ro", "ru", "sv", "th", "tr",
            "zh-Hans", "zh-Hant");

    private Languages() {
    }

    /** True for {@code _en_default_} and its kind. */
    public static boolean isBuiltInScheme(String name) {
        return name.startsWith("_") && name.endsWith("_default_") && CODES.contains(name.substring(1, name.length() - "_default_".length()));
    }
}
