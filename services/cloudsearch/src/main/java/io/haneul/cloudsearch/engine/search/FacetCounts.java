package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.FieldSpec;
import io.haneul.cloudsearch.engine.index.FieldValues;
import io.haneul.cloudsearch.engine.index.Names;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.NumericUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, for every facet field asked, how many matching documents hold each value (a document
 * counts once per distinct value), from the fields' facet doc values. Keys are the values as
 * CloudSearch prints them: literals as they are, numbers as numbers, dates in ISO 8601.
 */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, Map<String, Map<Object, Long>>> {

    private final List<FieldSpec> fields;

    FacetCounts(List<FieldSpec> fields) {
        this.fields = fields;
    }

    @Override
    public Counter newCollector() {
        return new Counter(fields);
    }

    @Override
    public Map<String, Map<Object, Long>> reduce(Collection<Counter> collectors) {
        Map<String, Map<Object, Long>> out = new HashMap<>();
        for (Counter c : collectors) {
            c.complete();
            c.counts.forEach((field, counts) -> {
                Map<Object, Long> merged = out.computeIfAbsent(field, k -> new HashMap<>());
                counts.forEach((v, n) -> merged.merge(v, n, Long::sum));
            });
        }
        return out;
    }

    /** Facet values print as text; numeric keys stay numbers until then so buckets sort numerically. */
    static String print(FieldSpec spec, Object key) {
        if (key instanceof Long l) {
            return switch (spec.type()) {
                case DATE -> FieldValues.printDate(l);
                case DOUBLE -> FieldValues.printDouble(NumericUtils.sortableLongToDouble(l));
                default -> Long.toString(l);
            };
        }
        return key.toString();
    }

    static final class Counter extends SimpleCollector {
        private final List<FieldSpec> fields;
        private final Map<String, Map<Object, Long>> counts = new HashMap<>();
        private final List<Object> leafValues = new ArrayList<>();
        private final List<long[]> ordCounts = new ArrayList<>();
        /** Numeric values counted without boxing (a facet over a large match set counts every match). */
        private final Map<String, LongCounts> numericCounts = new HashMap<>();
        private final List<LongCounts> leafNumeric = new ArrayList<>();

        Counter(List<FieldSpec> fields) {
            this.fields = fields;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            flush();
            for (FieldSpec f : fields) {
                String name = Names.facet(f.name());
                if (f.type().numeric()) {
                    leafValues.add(DocValues.getSortedNumeric(context.reader(), name));
                    ordCounts.add(null);
                    leafNumeric.add(numericCounts.computeIfAbsent(f.name(), k -> new LongCounts()));
                } else {
                    SortedSetDocValues s = DocValues.getSortedSet(context.reader(), name);
                    leafValues.add(s);
                    ordCounts.add(new long[(int) Math.min(Integer.MAX_VALUE - 8, s.getValueCount())]);
                }
            }
        }

        /** Turns the last segment's ordinal counts into value counts (ordinals are per segment), and numeric counts into boxed ones when done. */
        void flush() {
            try {
                for (int i = 0; i < ordCounts.size(); i++) {
                    long[] oc = ordCounts.get(i);
                    if (oc == null) {
                        continue;
                    }
                    SortedSetDocValues s = (SortedSetDocValues) leafValues.get(i);
                    Map<Object, Long> c = counts.computeIfAbsent(fields.get(i).name(), k -> new HashMap<>());
                    for (int ord = 0; ord < oc.length; ord++) {
                        if (oc[ord] > 0) {
                            c.merge(s.lookupOrd(ord).utf8ToString(), oc[ord], Long::sum);
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            leafValues.clear();
            ordCounts.clear();
            leafNumeric.clear();
        }

        /** Moves the unboxed numeric counts into {@link #counts}; called once the search is over. */
        void complete() {
            flush();
            numericCounts.forEach((field, m) -> {
                Map<Object, Long> c = counts.computeIfAbsent(field, k -> new HashMap<>());
                m.forEach((value, n) -> c.merge(value, (long) n, Long::sum));
            });
            numericCounts.clear();
        }

        @Override
        public void collect(int doc) throws IOException {
            for (int i = 0; i < fields.size(); i++) {
                Object dv = leafValues.get(i);
                if (dv instanceof SortedNumericDocValues n) {
                    var c = leafNumeric.get(numericIndex(i));
                    if (n.advanceExact(doc)) {
                        long prev = 0;
                        for (int k = 0; k < n.docValueCount(); k++) {
                            long v = n.nextValue();
                            if (k == 0 || v != prev) {
                                c.add(v, 1);
                            }
                            prev = v;
                        }
                    }
                } else if (dv instanceof SortedSetDocValues s && s.advanceExact(doc)) {
                    long[] oc = ordCounts.get(i);
                    for (int k = 0; k < s.docValueCount(); k++) {
                        oc[(int) s.nextOrd()]++;
                    }
                }
            }
        }

        /** The position among this leaf's numeric fields of field {@code i}. */
        private int numericIndex(int i) {
            int n = 0;
            for (int k = 0; k < i; k++) {
                if (ordCounts.get(k) == null) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
