package io.haneul.cloudsearch.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisOptions;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * AWS's rules for an analysis scheme's options, each of which is a JSON document in a string:
 * Synonyms {@code {"groups":[["a","b"]],"aliases":{"t":["x"]}}} (at most 100 KB), Stopwords a JSON
 * array of words, StemmingDictionary a JSON object of word to stem, and
 * JapaneseTokenizationDictionary (Japanese only) a JSON array of user-dictionary entries
 * {@code "surface,segmentation,readings,part-of-speech"}.
 */
public final class AnalysisSchemeRules {

    public static final int MAX_SYNONYMS_BYTES = 100 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisSchemeRules() {
    }

    public static void check(AnalysisScheme scheme) {
        String name = scheme.analysisSchemeName();
        if (name.startsWith("_")) {
            throw CloudSearchException.invalid("Analysis scheme names cannot begin with an underscore: " + name);
        }
        Enums.check(scheme.analysisSchemeLanguageAsString(), Languages.CODES, "analysisScheme.analysisSchemeLanguage");
        AnalysisOptions o = scheme.analysisOptions();
        if (o == null) {
            return;
        }
        Enums.check(o.algorithmicStemmingAsString(), java.util.List.of("none", "minimal", "light", "full"),
                "analysisScheme.analysisOptions.algorithmicStemming");
        if (o.synonyms() != null) {
            synonyms(name, o.synonyms());
        }
        if (o.stopwords() != null) {
            JsonNode words = json(name, "Stopwords", o.stopwords());
            if (!words.isArray() || !allText(words.elements())) {
                throw CloudSearchException.invalid("Stopwords of analysis scheme '" + name + "' must be a JSON array of strings.");
            }
        }
        if (o.stemmingDictionary() != null) {
            JsonNode dict = json(name, "StemmingDictionary", o.stemmingDictionary());
            if (!dict.isObject() || !allText(dict.elements())) {
                throw CloudSearchException.invalid("StemmingDictionary of analysis scheme '" + name
                        + "' must be a JSON object that maps terms to their stems.");
            }
        }
        if (o.japaneseTokenizationDictionary() != null) {
            if (!"ja".equals(scheme.analysisSchemeLanguageAsString())) {
                throw CloudSearchException.invalid("JapaneseTokenizationDictionary of analysis scheme '" + name
                        + "' is only allowed with the language ja.");
            }
            JsonNode entries = json(name, "JapaneseTokenizationDictionary", o.japaneseTokenizationDictionary());
            boolean ok = entries.isArray() && allText(entries.elements());
            for (Iterator<JsonNode> it = entries.elements(); ok && it.hasNext(); ) {
                ok = it.next().asText().split(",", -1).length == 4;
            }
            if (!ok) {
                throw CloudSearchException.invalid("JapaneseTokenizationDictionary of analysis scheme '" + name
                        + "' must be a JSON array of entries 'surface,segmentation,readings,part-of-speech'.");
            }
        }
    }

    private static void synonyms(String name, String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_SYNONYMS_BYTES) {
            throw CloudSearchException.limitExceeded("Synonyms of analysis scheme '" + name + "' exceed 100 KB.");
        }
        JsonNode root = json(name, "Synonyms", text);
        boolean ok = root.isObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); ok && it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            ok = switch (e.getKey()) {
                case "groups" -> v.isArray() && all(v.elements(), g -> g.isArray() && allText(g.elements()));
                case "aliases" -> v.isObject() && all(v.elements(), a -> a.isArray() && allText(a.elements()));
                default -> false;
            };
        }
        if (!ok) {
            throw CloudSearchException.invalid("Synonyms of analysis scheme '" + name
                    + "' must be a JSON object with \"groups\" (arrays of terms) and/or \"aliases\" (a term to an array of terms).");
        }
    }

    private static JsonNode json(String name, String option, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw CloudSearchException.invalid(option + " of analysis scheme '" + name + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean allText(Iterator<JsonNode> it) {
        return all(it, JsonNode::isTextual);
    }

    private static boolean all(Iterator<JsonNode> it, java.util.function.Predicate<JsonNode> test) {
        while (it.hasNext()) {
            if (!test.test(it.next())) {
                return false;
            }
        }
        return true;
    }
}
