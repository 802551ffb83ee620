package io.haneul.cloudsearch.engine;

import io.haneul.cloudsearch.engine.analysis.Languages;
import io.haneul.cloudsearch.engine.analysis.SchemeAnalyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudsearch.model.AnalysisScheme;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One check per language family that stemming, stopwords and tokenisation behave as CloudSearch's do. */
class LanguageAnalysisTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void everyLanguageAndStemmingLevelBuildsAnAnalyzer() throws IOException {
        assertEquals(35, Languages.codes().size());
        for (String lang : Languages.codes()) {
            for (String level : List.of("none", "minimal", "light", "full")) {
                AnalysisScheme s = AnalysisScheme.builder().analysisSchemeName("s").analysisSchemeLanguage(lang)
                        .analysisOptions(o -> o.algorithmicStemming(level)).build();
                assertFalse(tokens(SchemeAnalyzers.of(s).index(), "Hello world 123").isEmpty(), lang + " " + level);
            }
        }
    }

    @Test
    void englishRunningFindsRunAndStopwordsAreDropped() {
        fx.text("body", "_en_default_");
        fx.upload("[{\"type\":\"add\",\"id\":\"e1\",\"fields\":{\"body\":\"The dog was running in the park\"}}]");
        assertEquals(List.of("e1"), fx.ids("q", "run"));
        assertEquals(List.of("e1"), fx.ids("q", "the dog", "q.options", "{defaultOperator:'and'}"));
    }

    @Test
    void englishWithoutStemmingMatchesOnlyTheWordItself() {
        fx.schemes.add(AnalysisScheme.builder().analysisSchemeName("plain").analysisSchemeLanguage("en")
                .analysisOptions(o -> o.algorithmicStemming("none")).build());
        fx.text("body", "plain");
        fx.upload("[{\"type\":\"add\",\"id\":\"e1\",\"fields\":{\"body\":\"running\"}}]");
        assertEquals(List.of(), fx.ids("q", "run"));
        assertEquals(List.of("e1"), fx.ids("q", "running"));
    }

    @Test
    void germanNormalisesUmlautsAndEszettAndStemsPlurals() {
        fx.text("body", "_de_default_");
        fx.upload("[{\"type\":\"add\",\"id\":\"g1\",\"fields\":{\"body\":\"Die Häuser an der Straße\"}}]");
        assertEquals(List.of("g1"), fx.ids("q", "Haus"));
        assertEquals(List.of("g1"), fx.ids("q", "strasse"));
    }

    @Test
    void germanCompoundsSplitWithAStemmingDictionaryAndSynonymsJoinThem() {
        fx.schemes.add(AnalysisScheme.builder().analysisSchemeName("de_custom").analysisSchemeLanguage("de")
                .analysisOptions(o -> o.synonyms("{\"aliases\":{\"fussball\":[\"fussballweltmeisterschaft\"]}}")).build());
        fx.text("body", "de_custom");
        fx.upload("[{\"type\":\"add\",\"id\":\"g2\",\"fields\":{\"body\":\"Fußballweltmeisterschaft\"}}]");
        assertEquals(List.of("g2"), fx.ids("q", "Fußball"));
        assertEquals(List.of(), fx.ids("q", "Weltmeisterschaft"));
    }

    @Test
    void japaneseIsSegmentedIntoWords() throws IOException {
        fx.text("body", "_ja_default_");
        fx.upload("[{\"type\":\"add\",\"id\":\"j1\",\"fields\":{\"body\":\"関西国際空港に行きました\"}}]");
        assertEquals(List.of("j1"), fx.ids("q", "空港"));
        List<String> t = tokens(SchemeAnalyzers.builtIn("_ja_default_").orElseThrow().index(), "東京都に住んでいます");
        assertTrue(t.contains("東京"), t.toString());
    }

    @Test
    void simplifiedChineseIsSegmentedIntoWords() throws IOException {
        fx.text("body", "_zh-Hans_default_");
        fx.upload("[{\"type\":\"add\",\"id\":\"c1\",\"fields\":{\"body\":\"我爱北京天安门\"}}]");
        assertEquals(List.of("c1"), fx.ids("q", "北京"));
        List<String> t = tokens(SchemeAnalyzers.builtIn("_zh-Hans_default_").orElseThrow().index(), "我爱北京天安门");
        assertTrue(t.contains("北京"), t.toString());
    }

    @Test
    void arabicHamzaFormsAndDiacriticsNormalise() {
        fx.text("body", "_ar_default_");
        fx.upload("[{\"type\":\"add\",\"id\":\"a1\",\"fields\":{\"body\":\"أحمد\"}}]");
        assertEquals(List.of("a1"), fx.ids("q", "احمد"));
    }

    @Test
    void customStopwordsStemmingDictionaryAndSynonymGroups() {
        fx.schemes.add(AnalysisScheme.builder().analysisSchemeName("custom").analysisSchemeLanguage("en")
                .analysisOptions(o -> o.stopwords("[\"film\"]").stemmingDictionary("{\"mice\":\"mouse\"}")
                        .synonyms("{\"groups\":[[\"car\",\"automobile\"]]}")).build());
        fx.text("body", "custom");
        fx.upload("[{\"type\":\"add\",\"id\":\"s1\",\"fields\":{\"body\":\"a film about mice and a car\"}}]");
        assertEquals(List.of(), fx.ids("q", "film"));
        assertEquals(List.of("s1"), fx.ids("q", "mouse"));
        assertEquals(List.of("s1"), fx.ids("q", "automobile"));
    }

    private static List<String> tokens(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
