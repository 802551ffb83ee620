package io.haneul.cloudsearch.engine.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisOptions;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns analysis schemes into analyzers. {@code _<lang>_default_} names the language's defaults;
 * a scheme's options override them: AlgorithmicStemming, Stopwords (absent: the language's list;
 * {@code []}: none), StemmingDictionary, Synonyms ({@code groups} are mutual, {@code aliases} one-way)
 * and JapaneseTokenizationDictionary (rows of surface form, segmentation, readings, part of speech).
 */
public final class SchemeAnalyzers {

    /** The analyzers of one scheme: the query one adds the synonyms. */
    public record Pair(Analyzer index, Analyzer query) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemeAnalyzers() {
    }

    /** The analyzers of a built-in default scheme such as {@code _en_default_}, empty when the name is none. */
    public static java.util.Optional<Pair> builtIn(String schemeName) {
        if (schemeName == null || !schemeName.startsWith("_") || !schemeName.endsWith("_default_")) {
            return java.util.Optional.empty();
        }
        String code = schemeName.substring(1, schemeName.length() - "_default_".length());
        return Languages.of(code).map(lang -> pair(lang, null));
    }

    /** The analyzers of a defined scheme. */
    public static Pair of(AnalysisScheme scheme) {
        Language lang = Languages.of(scheme.analysisSchemeLanguageAsString())
                .orElseThrow(() -> new IllegalArgumentException("unknown language " + scheme.analysisSchemeLanguageAsString()));
        return pair(lang, scheme.analysisOptions());
    }

    private static Pair pair(Language lang, AnalysisOptions options) {
        Stemming stemming = options == null ? null : Stemming.parse(options.algorithmicStemmingAsString());
        if (stemming == null) {
            stemming = lang.defaultStemming();
        }
        CharArraySet stop = options == null || options.stopwords() == null ? lang.stopwords().get() : stopwords(options.stopwords());
        StemmerOverrideFilter.StemmerOverrideMap overrides = options == null ? null : stemOverrides(options.stemmingDictionary());
        SynonymMap synonyms = options == null ? null : synonyms(options.synonyms());
        String japanese = options == null ? null : japaneseCsv(options.japaneseTokenizationDictionary());
        return new Pair(new SchemeAnalyzer(lang, japanese, stop, overrides, null, stemming),
                new SchemeAnalyzer(lang, japanese, stop, overrides, synonyms, stemming));
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    static CharArraySet stopwords(String json) {
        JsonNode node = parse(json);
        List<String> words = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT)));
        }
        return words.isEmpty() ? CharArraySet.EMPTY_SET : new CharArraySet(words, true);
    }

    static StemmerOverrideFilter.StemmerOverrideMap stemOverrides(String json) {
        JsonNode node = parse(json);
        if (node == null || !node.isObject() || node.isEmpty()) {
            return null;
        }
        StemmerOverrideFilter.Builder b = new StemmerOverrideFilter.Builder(true);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.add(e.getKey(), e.getValue().asText().toLowerCase(Locale.ROOT));
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SynonymMap synonyms(String json) {
        JsonNode node = parse(json);
        if (node == null || !node.isObject()) {
            return null;
        }
        SynonymMap.Builder b = new SynonymMap.Builder(true);
        boolean any = false;
        for (JsonNode group : node.path("groups")) {
            List<CharsRef> words = new ArrayList<>();
            group.forEach(w -> words.add(phrase(w.asText())));
            for (CharsRef from : words) {
                for (CharsRef to : words) {
                    if (from != to) {
                        b.add(from, to, true);
                        any = true;
                    }
                }
            }
        }
        JsonNode aliases = node.path("aliases");
        for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            CharsRef from = phrase(e.getKey());
            for (JsonNode alias : e.getValue()) {
                b.add(from, phrase(alias.asText()), true);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CharsRef phrase(String words) {
        return SynonymMap.Builder.join(words.trim().toLowerCase(Locale.ROOT).split("\\s+"), new CharsRefBuilder());
    }

    /** CloudSearch's dictionary is a JSON array of rows (arrays of 4 cells, or CSV strings); Kuromoji reads them as CSV. */
    static String japaneseCsv(String json) {
        JsonNode node = parse(json);
        if (node == null || !node.isArray()) {
            return null;
        }
        StringBuilder csv = new StringBuilder();
        for (JsonNode row : node) {
            if (row.isTextual()) {
                csv.append(row.asText()).append('\n');
                continue;
            }
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText().replace(",", " ")));
            if (cells.size() == 4) {
                csv.append(String.join(",", cells)).append('\n');
            }
        }
        return csv.isEmpty() ? null : csv.toString();
    }
}
