package io.haneul.cloudsearch.engine.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One of CloudSearch's analysis languages as a Lucene chain: a tokenizer, the normalising filters
 * (lower-casing, elision, script normalisation), the default stopwords, and one stemmer per
 * AlgorithmicStemming level the language offers (the levels it lacks fall back to the nearest lower one).
 *
 * @param tokenizer makes the tokenizer; its argument is the Japanese user dictionary (CSV) or null
 */
public record Language(String code, Function<String, Tokenizer> tokenizer, UnaryOperator<TokenStream> normalize,
                       Supplier<CharArraySet> stopwords, Map<Stemming, UnaryOperator<TokenStream>> stemmers,
                       Stemming defaultStemming) {

    /** The stemmer of {@code level}, or of the nearest lower level the language has; identity for none. */
    public UnaryOperator<TokenStream> stemmer(Stemming level) {
        for (int i = level.ordinal(); i > 0; i--) {
            UnaryOperator<TokenStream> s = stemmers.get(Stemming.values()[i]);
            if (s != null) {
                return s;
            }
        }
        return ts -> ts;
    }

    static Map<Stemming, UnaryOperator<TokenStream>> levels(UnaryOperator<TokenStream> minimal, UnaryOperator<TokenStream> light,
                                                            UnaryOperator<TokenStream> full) {
        Map<Stemming, UnaryOperator<TokenStream>> m = new EnumMap<>(Stemming.class);
        if (minimal != null) {
            m.put(Stemming.MINIMAL, minimal);
        }
        if (light != null) {
            m.put(Stemming.LIGHT, light);
        }
        if (full != null) {
            m.put(Stemming.FULL, full);
        }
        return m;
    }
}
