package io.haneul.cloudsearch.engine.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

import java.util.function.UnaryOperator;

/**
 * The chain one analysis scheme runs: the language's tokenizer and normalisers, then stopwords,
 * then the stemming dictionary (its words are not stemmed further), then (at query time only)
 * synonyms, then the algorithmic stemmer. Synonyms apply to the query, which gives the same matches
 * as expanding at index time without a graph in the index, and lets synonyms change without
 * reindexing.
 */
final class SchemeAnalyzer extends Analyzer {

    private final Language language;
    private final String japaneseDictionary;
    private final CharArraySet stopwords;
    private final StemmerOverrideFilter.StemmerOverrideMap stemOverrides;
    private final SynonymMap synonyms;
    private final UnaryOperator<TokenStream> stemmer;

    SchemeAnalyzer(Language language, String japaneseDictionary, CharArraySet stopwords,
                   StemmerOverrideFilter.StemmerOverrideMap stemOverrides, SynonymMap synonyms, Stemming stemming) {
        this.language = language;
        this.japaneseDictionary = japaneseDictionary;
        this.stopwords = stopwords;
        this.stemOverrides = stemOverrides;
        this.synonyms = synonyms;
        this.stemmer = language.stemmer(stemming);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = language.tokenizer().apply(japaneseDictionary);
        TokenStream ts = language.normalize().apply(source);
        if (!stopwords.isEmpty()) {
            ts = new StopFilter(ts, stopwords);
        }
        if (stemOverrides != null) {
            ts = new Unmarked(new StemmerOverrideFilter(ts, stemOverrides));
        }
        if (synonyms != null) {
            ts = new SynonymGraphFilter(ts, synonyms, true);
        }
        ts = stemmer.apply(ts);
        return new TokenStreamComponents(source, ts);
    }

    /**
     * Lets the algorithmic stemmer also stem what the dictionary produced, so that the dictionary's
     * stem and the same word typed in a query end up as one term.
     */
    private static final class Unmarked extends org.apache.lucene.analysis.TokenFilter {
        private final org.apache.lucene.analysis.tokenattributes.KeywordAttribute keyword =
                addAttribute(org.apache.lucene.analysis.tokenattributes.KeywordAttribute.class);

        Unmarked(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws java.io.IOException {
            if (!input.incrementToken()) {
                return false;
            }
            keyword.setKeyword(false);
            return true;
        }
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new org.apache.lucene.analysis.LowerCaseFilter(in);
    }
}
