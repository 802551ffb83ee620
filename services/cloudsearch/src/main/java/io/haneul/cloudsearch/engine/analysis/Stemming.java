package io.haneul.cloudsearch.engine.analysis;

import java.util.Locale;

/** AnalysisOptions.AlgorithmicStemming: how far words are reduced, each level a Lucene stemmer of the language. */
public enum Stemming {
    NONE, MINIMAL, LIGHT, FULL;

    /** The option's value ({@code none|minimal|light|full}), null when absent. */
    public static Stemming parse(String value) {
        return value == null || value.isBlank() ? null : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
