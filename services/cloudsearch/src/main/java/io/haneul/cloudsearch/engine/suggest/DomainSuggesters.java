package io.haneul.cloudsearch.engine.suggest;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldsJson;
import io.haneul.cloudsearch.engine.index.Names;
import io.haneul.cloudsearch.engine.search.Expressions;
import io.haneul.cloudsearch.engine.search.SearchException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.analyzing.FuzzySuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import software.amazon.awssdk.services.cloudsearch.model.DocumentSuggesterOptions;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A domain's suggesters: Lucene's FuzzySuggester over the first 512 bytes of the source field of
 * every document, matching the query as a prefix with 0, 1 or 2 edits (FuzzyMatching none, low,
 * high), ordered by the sort expression (clamped to Lucene's weight range) and returning the
 * document id. Built on BuildSuggesters and again whenever the index changed since.
 */
public final class DomainSuggesters {

    private static final int MAX_BYTES = 512;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    private record Built(long generation, String definition, FuzzySuggester lookup) {
    }

    public SuggestResult suggest(IndexSearcher searcher, CompiledSchema schema, long generation, String name, String q, int size,
                                 long now) {
        if (name == null || name.isBlank()) {
            throw new SearchException("Missing suggester parameter");
        }
        Suggester suggester = schema.suggesters().get(name);
        if (suggester == null) {
            throw new SearchException("Unknown suggester '" + name + "'");
        }
        if (q == null || q.isBlank()) {
            throw new SearchException("Missing q parameter");
        }
        Built b = built.get(name);
        if (b == null || b.generation() != generation || !b.definition().equals(suggester.toString())) {
            b = build(searcher, schema, suggester, generation, now);
            built.put(name, b);
        }
        try {
            List<SuggestResult.Suggestion> out = new ArrayList<>();
            for (Lookup.LookupResult r : b.lookup().lookup(q, false, Math.max(1, size))) {
                out.add(new SuggestResult.Suggestion(r.key.toString(), r.value, r.payload.utf8ToString()));
            }
            return new SuggestResult(q, out.subList(0, Math.min(out.size(), Math.max(0, size))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets built suggesters, so the next suggest rebuilds them (BuildSuggesters). */
    public void invalidate() {
        built.clear();
    }

    private static Built build(IndexSearcher searcher, CompiledSchema schema, Suggester suggester, long generation, long now) {
        DocumentSuggesterOptions o = suggester.documentSuggesterOptions();
        String field = o.sourceField();
        int edits = switch (o.fuzzyMatchingAsString() == null ? "none" : o.fuzzyMatchingAsString()) {
            case "low" -> 1;
            case "high" -> 2;
            default -> 0;
        };
        DoubleValuesSource weight = null;
        if (o.sortExpression() != null && !o.sortExpression().isBlank()) {
            Map<String, String> inline = Map.of("_suggest_sort", o.sortExpression());
            weight = new Expressions(schema, inline, now, 0).source("_suggest_sort");
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                DoubleValues w = weight == null ? null : weight.getValues(leaf, DoubleValues.EMPTY);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document d = stored.document(doc, Set.of(Names.ID, Names.SOURCE));
                    Map<String, List<String>> source = FieldsJson.read(d.get(Names.SOURCE));
                    List<String> values = source.get(field);
                    if (values == null || values.isEmpty()) {
                        continue;
                    }
                    long wt = 0;
                    if (w != null && w.advanceExact(doc)) {
                        wt = (long) Math.max(0, Math.min(Integer.MAX_VALUE, w.doubleValue()));
                    }
                    entries.add(new Entry(truncate(values.getFirst()), wt, d.get(Names.ID)));
                }
            }
            FuzzySuggester lookup = new FuzzySuggester(new ByteBuffersDirectory(), "suggest", ANALYZER, ANALYZER,
                    FuzzySuggester.PRESERVE_SEP, 256, -1, true, edits, true, 1, 3, false);
            lookup.build(new Entries(entries));
            return new Built(generation, suggester.toString(), lookup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_BYTES) {
            return v;
        }
        String s = new String(b, 0, MAX_BYTES, StandardCharsets.UTF_8);
        return s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1) : s;
    }

    private static final Analyzer ANALYZER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer t = new StandardTokenizer();
            return new TokenStreamComponents(t, new LowerCaseFilter(t));
        }
    };

    private record Entry(String text, long weight, String id) {
    }

    private static final class Entries implements InputIterator {
        private final Iterator<Entry> it;
        private Entry current;

        Entries(List<Entry> entries) {
            this.it = entries.iterator();
        }

        @Override
        public BytesRef next() {
            if (!it.hasNext()) {
                return null;
            }
            current = it.next();
            return new BytesRef(current.text());
        }

        @Override
        public long weight() {
            return current.weight();
        }

        @Override
        public BytesRef payload() {
            return new BytesRef(current.id());
        }

        @Override
        public boolean hasPayloads() {
            return true;
        }

        @Override
        public Set<BytesRef> contexts() {
            return null;
        }

        @Override
        public boolean hasContexts() {
            return false;
        }
    }
}
