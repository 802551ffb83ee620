package io.haneul.cloudsearch.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code facet.F}: the top values of a facet-enabled field among the matches, by count (default,
 * ties by value) or by value ({@code sort:'bucket'}), {@code size} of them (default 10); or the
 * counts of explicit {@code buckets}, values or ranges like {@code [1970,1979]}, in the order given.
 */
final class Facets {

    private Facets() {
    }

    static Map<String, List<SearchResult.Bucket>> count(IndexSearcher searcher, CompiledSchema schema, Query query,
                                                        Map<String, String> asked) {
        Map<String, List<SearchResult.Bucket>> out = new LinkedHashMap<>();
        if (asked.isEmpty()) {
            return out;
        }
        List<FieldSpec> counted = new ArrayList<>();
        Map<String, JsonNode> options = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : asked.entrySet()) {
            String field = e.getKey();
            FieldSpec spec = schema.field(field)
                    .orElseThrow(() -> new SearchException("Invalid facet: field '" + field + "' is not defined in the domain"));
            if (!spec.facet()) {
                throw new SearchException("Invalid facet: field '" + field + "' is not facet enabled");
            }
            JsonNode o = RelaxedJson.object("facet." + field, e.getValue());
            options.put(field, o);
            if (!o.has("buckets")) {
                counted.add(spec);
            }
        }
        try {
            Map<String, Map<Object, Long>> counts = counted.isEmpty() ? Map.of() : searcher.search(query, new FacetCounts(counted));
            FieldQueries fields = new FieldQueries(schema);
            for (Map.Entry<String, JsonNode> e : options.entrySet()) {
                String field = e.getKey();
                JsonNode o = e.getValue();
                FieldSpec spec = schema.field(field).orElseThrow();
                if (o.has("buckets")) {
                    List<SearchResult.Bucket> buckets = new ArrayList<>();
                    for (JsonNode b : o.path("buckets")) {
                        String value = b.asText();
                        Query bucket = bucketQuery(fields, field, value);
                        long n = searcher.count(new BooleanQuery.Builder().add(query, BooleanClause.Occur.FILTER)
                                .add(bucket, BooleanClause.Occur.FILTER).build());
                        buckets.add(new SearchResult.Bucket(value, n));
                    }
                    out.put(field, buckets);
                    continue;
                }
                Map<Object, Long> c = counts.getOrDefault(field, Map.of());
                int size = o.path("size").asInt(10);
                String sort = o.path("sort").asText("count");
                if (!sort.equals("count") && !sort.equals("bucket")) {
                    throw new SearchException("Invalid facet." + field + ": sort must be 'count' or 'bucket'");
                }
                Comparator<Map.Entry<Object, Long>> byValue = (a, b) -> compareKeys(a.getKey(), b.getKey());
                Comparator<Map.Entry<Object, Long>> order = sort.equals("bucket") ? byValue
                        : Comparator.<Map.Entry<Object, Long>>comparingLong(Map.Entry::getValue).reversed().thenComparing(byValue);
                out.put(field, c.entrySet().stream().sorted(order).limit(Math.max(0, size))
                        .map(x -> new SearchResult.Bucket(FacetCounts.print(spec, x.getKey()), x.getValue())).toList());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static int compareKeys(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** A bucket: a range in brackets or braces, else one value. */
    private static Query bucketQuery(FieldQueries fields, String field, String value) {
        String v = value.trim();
        if ((v.startsWith("[") || v.startsWith("{")) && (v.endsWith("]") || v.endsWith("}")) && v.contains(",")) {
            String inner = v.substring(1, v.length() - 1);
            int comma = inner.indexOf(',');
            String lo = unquote(inner.substring(0, comma));
            String hi = unquote(inner.substring(comma + 1));
            return fields.range(field, lo.isEmpty() ? null : lo, v.startsWith("["), hi.isEmpty() ? null : hi, v.endsWith("]"));
        }
        return fields.term(field, value);
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
