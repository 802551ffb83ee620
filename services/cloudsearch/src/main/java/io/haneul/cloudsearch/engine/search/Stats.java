package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;
import io.haneul.cloudsearch.engine.index.FieldType;
import io.haneul.cloudsearch.engine.index.FieldValues;
import io.haneul.cloudsearch.engine.index.Names;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.NumericUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stats.F}: count, min, max, mean, missing, sum, sum of squares and standard deviation of a
 * facet-enabled int, double or date field over the matches (dates as epoch milliseconds in the
 * sums, ISO 8601 in min, max and mean), read from the field's facet doc values.
 */
final class Stats {

    private Stats() {
    }

    static Map<String, SearchResult.FieldStats> compute(IndexSearcher searcher, CompiledSchema schema, Query query, Map<String, String> asked) {
        Map<String, SearchResult.FieldStats> out = new LinkedHashMap<>();
        for (String field : asked.keySet()) {
            FieldSpec spec = schema.field(field)
                    .orElseThrow(() -> new SearchException("Invalid stats: field '" + field + "' is not defined in the domain"));
            if (!spec.type().numeric() || !spec.facet()) {
                throw new SearchException("Invalid stats: field '" + field + "' must be a facet-enabled int, double or date field");
            }
            try {
                Acc a = searcher.search(query, new Manager(spec));
                out.put(field, a.result(spec));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static final class Acc extends SimpleCollector {
        final FieldSpec spec;
        SortedNumericDocValues values;
        long count;
        long missing;
        double sum;
        double squares;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        Acc(FieldSpec spec) {
            this.spec = spec;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getSortedNumeric(context.reader(), Names.facet(spec.name()));
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!values.advanceExact(doc)) {
                missing++;
                return;
            }
            for (int i = 0; i < values.docValueCount(); i++) {
                long raw = values.nextValue();
                double v = spec.type() == FieldType.DOUBLE ? NumericUtils.sortableLongToDouble(raw) : raw;
                count++;
                sum += v;
                squares += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        void add(Acc o) {
            count += o.count;
            missing += o.missing;
            sum += o.sum;
            squares += o.squares;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
        }

        SearchResult.FieldStats result(FieldSpec spec) {
            if (count == 0) {
                return new SearchResult.FieldStats(0, missing, null, null, null, 0, 0, 0);
            }
            double mean = sum / count;
            double stddev = Math.sqrt(Math.max(0, squares / count - mean * mean));
            return new SearchResult.FieldStats(count, missing, print(spec, min), print(spec, max), print(spec, mean), sum, squares, stddev);
        }

        private static String print(FieldSpec spec, double v) {
            return switch (spec.type()) {
                case DATE -> FieldValues.printDate((long) v);
                case INT -> v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
                default -> Double.toString(v);
            };
        }
    }

    private record Manager(FieldSpec spec) implements CollectorManager<Acc, Acc> {
        @Override
        public Acc newCollector() {
            return new Acc(spec);
        }

        @Override
        public Acc reduce(Collection<Acc> collectors) {
            Acc total = new Acc(spec);
            collectors.forEach(total::add);
            return total;
        }
    }
}
