package io.haneul.cloudsearch.engine.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishMinimalStemFilter;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hi.HindiNormalizationFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.in.IndicNormalizationFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.apache.lucene.analysis.sv.SwedishMinimalStemFilter;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.th.ThaiTokenizer;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * CloudSearch's 34 analysis languages and {@code mul}, each mapped to the Lucene chain that does
 * its job: the same tokenizers, normalisers, stopword lists and stemmers Lucene's own language
 * analyzers use, taken apart so that AlgorithmicStemming can pick the stemmer (minimal, light,
 * full) and a scheme's own stopwords, stemming dictionary and synonyms fit between them.
 * Korean uses CJK bigrams (Lucene's Korean module does not resolve at this Lucene version).
 */
public final class Languages {

    private static final Map<String, Language> ALL = build();

    private Languages() {
    }

    public static Optional<Language> of(String code) {
        return Optional.ofNullable(ALL.get(code));
    }

    public static java.util.Set<String> codes() {
        return ALL.keySet();
    }

    private static Function<String, Tokenizer> standard() {
        return dict -> new StandardTokenizer();
    }

    private static UnaryOperator<TokenStream> lower() {
        return LowerCaseFilter::new;
    }

    private static UnaryOperator<TokenStream> snowball(String name) {
        return ts -> new SnowballFilter(ts, name);
    }

    private static UnaryOperator<TokenStream> elision(String... articles) {
        CharArraySet set = new CharArraySet(Arrays.asList(articles), true);
        return ts -> new LowerCaseFilter(new ElisionFilter(ts, set));
    }

    private static Map<String, Language> build() {
        Map<String, Language> m = new LinkedHashMap<>();
        add(m, "ar", standard(), ts -> new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts))),
                ArabicAnalyzer::getDefaultStopSet, Language.levels(null, ArabicStemFilter::new, null), Stemming.LIGHT);
        add(m, "hy", standard(), lower(), ArmenianAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Armenian")), Stemming.FULL);
        add(m, "eu", standard(), lower(), BasqueAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Basque")), Stemming.FULL);
        add(m, "bg", standard(), lower(), BulgarianAnalyzer::getDefaultStopSet, Language.levels(null, BulgarianStemFilter::new, null), Stemming.LIGHT);
        add(m, "ca", standard(), elision("d", "l", "m", "n", "s", "t"), CatalanAnalyzer::getDefaultStopSet,
                Language.levels(null, null, snowball("Catalan")), Stemming.FULL);
        add(m, "zh-Hans", dict -> new HMMChineseTokenizer(), lower(), SmartChineseAnalyzer::getDefaultStopSet, Map.of(), Stemming.NONE);
        add(m, "zh-Hant", standard(), ts -> new CJKBigramFilter(new LowerCaseFilter(new CJKWidthFilter(ts))),
                CJKAnalyzer::getDefaultStopSet, Map.of(), Stemming.NONE);
        add(m, "cs", standard(), lower(), CzechAnalyzer::getDefaultStopSet, Language.levels(null, CzechStemFilter::new, null), Stemming.LIGHT);
        add(m, "da", standard(), lower(), DanishAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Danish")), Stemming.FULL);
        add(m, "nl", standard(), lower(), DutchAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Dutch")), Stemming.FULL);
        add(m, "en", standard(), ts -> new ASCIIFoldingFilter(new LowerCaseFilter(new EnglishPossessiveFilter(ts))),
                EnglishAnalyzer::getDefaultStopSet,
                Language.levels(EnglishMinimalStemFilter::new, KStemFilter::new, PorterStemFilter::new), Stemming.FULL);
        add(m, "fi", standard(), lower(), FinnishAnalyzer::getDefaultStopSet,
                Language.levels(null, FinnishLightStemFilter::new, snowball("Finnish")), Stemming.LIGHT);
        add(m, "fr", standard(), elision("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"),
                FrenchAnalyzer::getDefaultStopSet,
                Language.levels(FrenchMinimalStemFilter::new, FrenchLightStemFilter::new, snowball("French")), Stemming.MINIMAL);
        add(m, "gl", standard(), lower(), GalicianAnalyzer::getDefaultStopSet,
                Language.levels(GalicianMinimalStemFilter::new, GalicianStemFilter::new, null), Stemming.MINIMAL);
        add(m, "de", standard(), ts -> new GermanNormalizationFilter(new LowerCaseFilter(ts)), GermanAnalyzer::getDefaultStopSet,
                Language.levels(GermanMinimalStemFilter::new, GermanLightStemFilter::new, snowball("German")), Stemming.LIGHT);
        add(m, "el", standard(), GreekLowerCaseFilter::new, GreekAnalyzer::getDefaultStopSet,
                Language.levels(null, GreekStemFilter::new, null), Stemming.LIGHT);
        add(m, "hi", standard(), ts -> new HindiNormalizationFilter(new IndicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts)))),
                HindiAnalyzer::getDefaultStopSet, Language.levels(null, HindiStemFilter::new, null), Stemming.LIGHT);
        add(m, "he", standard(), lower(), () -> CharArraySet.EMPTY_SET, Map.of(), Stemming.NONE);
        add(m, "hu", standard(), lower(), HungarianAnalyzer::getDefaultStopSet,
                Language.levels(null, HungarianLightStemFilter::new, snowball("Hungarian")), Stemming.LIGHT);
        add(m, "id", standard(), lower(), IndonesianAnalyzer::getDefaultStopSet,
                Language.levels(null, ts -> new IndonesianStemFilter(ts, false), ts -> new IndonesianStemFilter(ts, true)), Stemming.FULL);
        add(m, "ga", standard(), ts -> new IrishLowerCaseFilter(new ElisionFilter(ts, new CharArraySet(Arrays.asList("d", "m", "b"), true))),
                IrishAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Irish")), Stemming.FULL);
        add(m, "it", standard(), elision("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
                        "negl", "sugl", "un", "m", "t", "s", "v", "d"), ItalianAnalyzer::getDefaultStopSet,
                Language.levels(null, ItalianLightStemFilter::new, snowball("Italian")), Stemming.LIGHT);
        add(m, "ja", Languages::japanese,
                ts -> new LowerCaseFilter(new CJKWidthFilter(new JapanesePartOfSpeechStopFilter(new JapaneseBaseFormFilter(ts),
                        JapaneseAnalyzer.getDefaultStopTags()))),
                JapaneseAnalyzer::getDefaultStopSet, Language.levels(null, JapaneseKatakanaStemFilter::new, null), Stemming.LIGHT);
        add(m, "ko", standard(), ts -> new CJKBigramFilter(new LowerCaseFilter(new CJKWidthFilter(ts))),
                CJKAnalyzer::getDefaultStopSet, Map.of(), Stemming.NONE);
        add(m, "lv", standard(), lower(), LatvianAnalyzer::getDefaultStopSet, Language.levels(null, LatvianStemFilter::new, null), Stemming.LIGHT);
        add(m, "no", standard(), lower(), NorwegianAnalyzer::getDefaultStopSet,
                Language.levels(NorwegianMinimalStemFilter::new, NorwegianLightStemFilter::new, snowball("Norwegian")), Stemming.LIGHT);
        add(m, "fa", standard(), ts -> new PersianNormalizationFilter(new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(ts)))),
                PersianAnalyzer::getDefaultStopSet, Language.levels(null, PersianStemFilter::new, null), Stemming.NONE);
        add(m, "pt", standard(), lower(), PortugueseAnalyzer::getDefaultStopSet,
                Language.levels(PortugueseMinimalStemFilter::new, PortugueseLightStemFilter::new, PortugueseStemFilter::new), Stemming.LIGHT);
        add(m, "ro", standard(), lower(), RomanianAnalyzer::getDefaultStopSet, Language.levels(null, null, snowball("Romanian")), Stemming.FULL);
        add(m, "ru", standard(), lower(), RussianAnalyzer::getDefaultStopSet,
                Language.levels(null, RussianLightStemFilter::new, snowball("Russian")), Stemming.LIGHT);
        add(m, "es", standard(), lower(), SpanishAnalyzer::getDefaultStopSet,
                Language.levels(SpanishMinimalStemFilter::new, SpanishLightStemFilter::new, snowball("Spanish")), Stemming.LIGHT);
        add(m, "sv", standard(), lower(), SwedishAnalyzer::getDefaultStopSet,
                Language.levels(SwedishMinimalStemFilter::new, SwedishLightStemFilter::new, snowball("Swedish")), Stemming.LIGHT);
        add(m, "th", dict -> new ThaiTokenizer(), ts -> new DecimalDigitFilter(new LowerCaseFilter(ts)), ThaiAnalyzer::getDefaultStopSet,
                Map.of(), Stemming.NONE);
        add(m, "tr", standard(), ts -> new TurkishLowerCaseFilter(new ApostropheFilter(ts)), TurkishAnalyzer::getDefaultStopSet,
                Language.levels(null, null, snowball("Turkish")), Stemming.FULL);
        add(m, "mul", standard(), ts -> new CJKBigramFilter(new LowerCaseFilter(new CJKWidthFilter(ts))), () -> CharArraySet.EMPTY_SET,
                Map.of(), Stemming.NONE);
        return Map.copyOf(m);
    }

    private static void add(Map<String, Language> m, String code, Function<String, Tokenizer> tokenizer, UnaryOperator<TokenStream> normalize,
                            Supplier<CharArraySet> stop, Map<Stemming, UnaryOperator<TokenStream>> stemmers, Stemming defaultLevel) {
        m.put(code, new Language(code, tokenizer, normalize, stop, stemmers, defaultLevel));
    }

    /** Kuromoji in search mode (compounds also split into their parts), with the scheme's user dictionary when it has one. */
    private static Tokenizer japanese(String userDictionaryCsv) {
        UserDictionary dict = null;
        if (userDictionaryCsv != null && !userDictionaryCsv.isBlank()) {
            try {
                dict = UserDictionary.open(new StringReader(userDictionaryCsv));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new JapaneseTokenizer(dict, true, JapaneseTokenizer.Mode.SEARCH);
    }
}
