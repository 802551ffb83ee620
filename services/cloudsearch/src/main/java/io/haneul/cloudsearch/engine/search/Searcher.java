package io.haneul.cloudsearch.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;
import io.haneul.cloudsearch.engine.index.FieldType;
import io.haneul.cloudsearch.engine.index.FieldsJson;
import io.haneul.cloudsearch.engine.index.Names;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one search on an index snapshot: the query ({@code q} by its parser) filtered by {@code fq},
 * sorted ({@code sort}, up to 10 keys, then the document id so that cursors are stable), paged by
 * {@code start}/{@code size} or by cursor, with returned fields, expression values, highlights
 * and facet counts.
 */
public final class Searcher {

    public static final int MAX_SORT_KEYS = 10;
    public static final long MAX_START_PLUS_SIZE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Searcher() {
    }

    public static SearchResult search(IndexSearcher searcher, CompiledSchema schema, SearchRequest r, long now, double random) {
        try {
            return run(searcher, schema, r, now, random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchResult run(IndexSearcher searcher, CompiledSchema schema, SearchRequest r, long now, double random)
            throws IOException {
        Query main = QueryParsers.parse(r.parser(), r.q(), r.options(), schema);
        Query query = main;
        if (r.filter() != null && !r.filter().isBlank()) {
            query = new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST)
                    .add(QueryParsers.filter(r.filter(), schema), BooleanClause.Occur.FILTER).build();
        }
        Expressions expressions = new Expressions(schema, r.expressions(), now, random);
        for (String name : r.expressions().keySet()) {
            expressions.source(name); // compiled now, so a bad expr.NAME is refused whatever else is asked
        }
        Sort sort = sort(r.sort(), schema, expressions);
        long size = r.size() == null ? 10 : r.size();
        if (size < 0) {
            throw new SearchException("Invalid value for size: '" + size + "'");
        }
        FieldDoc after = null;
        long start = 0;
        boolean byCursor = r.cursor() != null && !r.cursor().isBlank();
        if (byCursor) {
            if (r.start() != null) {
                throw new SearchException("You cannot specify both start and cursor");
            }
            if (!r.cursor().equals("initial")) {
                after = decodeCursor(r.cursor());
            }
        } else {
            start = r.start() == null ? 0 : r.start();
            if (start < 0) {
                throw new SearchException("Invalid value for start: '" + start + "'");
            }
            if (start + size > MAX_START_PLUS_SIZE) {
                throw new SearchException("start + size must be at most " + MAX_START_PLUS_SIZE + "; use a cursor to page deeper");
            }
        }
        int want = (int) (byCursor ? Math.max(size, 1) : Math.max(start + size, 1));
        TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort, want, after, Integer.MAX_VALUE));
        TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
        ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs, (int) Math.min(start, top.scoreDocs.length),
                (int) Math.min(start + size, top.scoreDocs.length));
        String cursor = null;
        if (byCursor) {
            ScoreDoc last = page.length > 0 ? page[page.length - 1] : after;
            cursor = last == null ? null : encodeCursor((FieldDoc) last);
        }
        Returns returns = Returns.parse(r.returns(), schema, expressions);
        Map<String, Map<Integer, String>> highlights = highlights(searcher, schema, r.highlights(), main, page);
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        for (ScoreDoc sd : page) {
            Document doc = searcher.storedFields().document(sd.doc);
            Map<String, Object> fields = new LinkedHashMap<>();
            if (returns.all() || !returns.fields().isEmpty()) {
                Map<String, List<String>> source = FieldsJson.read(doc.get(Names.SOURCE));
                source.forEach((name, values) -> {
                    if (returns.contains(name)) {
                        boolean array = schema.field(name).map(FieldSpec::array).orElse(false);
                        fields.put(name, array ? values : values.getFirst());
                    }
                });
            }
            if (returns.score()) {
                fields.put("_score", Float.toString(sd.score));
            }
            Map<String, String> exprs = new LinkedHashMap<>();
            for (String name : returns.expressions()) {
                exprs.put(name, number(value(searcher, expressions.source(name), sd)));
            }
            Map<String, String> hl = new LinkedHashMap<>();
            highlights.forEach((field, byDoc) -> {
                String h = byDoc.get(sd.doc);
                if (h != null) {
                    hl.put(field, h);
                }
            });
            hits.add(new SearchResult.Hit(doc.get(Names.ID), fields, exprs, hl));
        }
        Map<String, List<SearchResult.Bucket>> facets = Facets.count(searcher, schema, query, r.facets());
        Map<String, SearchResult.FieldStats> stats = Stats.compute(searcher, schema, query, r.stats());
        return new SearchResult(top.totalHits.value(), start, cursor, hits, facets, stats);
    }

    static Sort sort(String text, CompiledSchema schema, Expressions expressions) {
        List<SortField> keys = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            String[] parts = text.split(",");
            if (parts.length > MAX_SORT_KEYS) {
                throw new SearchException("Too many sort fields: at most " + MAX_SORT_KEYS + " are allowed");
            }
            for (String part : parts) {
                String[] kv = part.trim().split("\\s+");
                if (kv.length != 2 || !(kv[1].equalsIgnoreCase("asc") || kv[1].equalsIgnoreCase("desc"))) {
                    throw new SearchException("Invalid sort '" + part.trim() + "': give a field or expression and asc or desc");
                }
                String name = kv[0];
                boolean desc = kv[1].toLowerCase(Locale.ROOT).equals("desc");
                keys.add(sortKey(name, desc, schema, expressions));
            }
        } else {
            keys.add(SortField.FIELD_SCORE);
        }
        keys.add(new SortField(Names.ID, SortField.Type.STRING));
        return new Sort(keys.toArray(SortField[]::new));
    }

    private static SortField sortKey(String name, boolean desc, CompiledSchema schema, Expressions expressions) {
        if (name.equals("_score")) {
            return new SortField(null, SortField.Type.SCORE, !desc);
        }
        if (expressions.has(name)) {
            if (!desc) {
                var distance = expressions.distanceSort(name);
                if (distance.isPresent()) {
                    return distance.get();
                }
            }
            return expressions.source(name).getSortField(desc);
        }
        FieldSpec spec = schema.field(name)
                .orElseThrow(() -> new SearchException("Invalid sort: field '" + name + "' is not defined in the domain"));
        if (!spec.sortable()) {
            throw new SearchException("Invalid sort: field '" + name + "' is not sort enabled");
        }
        SortField.Type type = switch (spec.type()) {
            case INT, DATE -> SortField.Type.LONG;
            case DOUBLE -> SortField.Type.DOUBLE;
            case LITERAL, TEXT -> SortField.Type.STRING;
            case LATLON -> throw new SearchException("Invalid sort: sort by a latlon field through an expression such as haversin");
        };
        SortField f = new SortField(Names.sort(name), type, desc);
        if (type == SortField.Type.STRING) {
            f.setMissingValue(desc ? SortField.STRING_FIRST : SortField.STRING_LAST);
        }
        return f;
    }

    private static double value(IndexSearcher searcher, DoubleValuesSource source, ScoreDoc sd) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        DoubleValues scores = new DoubleValues() {
            @Override
            public double doubleValue() {
                return sd.score;
            }

            @Override
            public boolean advanceExact(int doc) {
                return true;
            }
        };
        DoubleValues values = source.getValues(leaf, scores);
        return values.advanceExact(sd.doc - leaf.docBase) ? values.doubleValue() : 0;
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 9e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static Map<String, Map<Integer, String>> highlights(IndexSearcher searcher, CompiledSchema schema,
                                                                Map<String, String> asked, Query query, ScoreDoc[] page)
            throws IOException {
        Map<String, Map<Integer, String>> out = new LinkedHashMap<>();
        if (asked.isEmpty() || page.length == 0) {
            return out;
        }
        TopDocs docs = new TopDocs(new org.apache.lucene.search.TotalHits(page.length, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO),
                page.clone());
        java.util.Arrays.sort(docs.scoreDocs, Comparator.comparingInt(d -> d.doc));
        for (Map.Entry<String, String> e : asked.entrySet()) {
            String field = e.getKey();
            FieldSpec spec = schema.field(field)
                    .orElseThrow(() -> new SearchException("Invalid highlight: field '" + field + "' is not defined in the domain"));
            if (spec.type() != FieldType.TEXT || !spec.highlight()) {
                throw new SearchException("Invalid highlight: field '" + field + "' is not highlight enabled");
            }
            JsonNode o = RelaxedJson.object("highlight." + field, e.getValue());
            String format = o.path("format").asText("html");
            boolean html = !format.equals("text");
            String pre = o.path("pre_tag").asText(html ? "<em>" : "*");
            String post = o.path("post_tag").asText(html ? "</em>" : "*");
            int phrases = o.path("max_phrases").asInt(1);
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, schema.indexAnalyzer())
                    .withFormatter(new DefaultPassageFormatter(pre, post, "... ", html))
                    .withMaxNoHighlightPassages(1)
                    .withHighlightPhrasesStrictly(true)
                    .build();
            String[] texts = highlighter.highlight(field, query, docs, Math.max(1, phrases));
            Map<Integer, String> byDoc = new java.util.HashMap<>();
            for (int i = 0; i < texts.length; i++) {
                if (texts[i] != null) {
                    byDoc.put(docs.scoreDocs[i].doc, texts[i]);
                }
            }
            out.put(field, byDoc);
        }
        return out;
    }

    private static String encodeCursor(FieldDoc doc) {
        List<Object> values = new ArrayList<>();
        for (Object v : doc.fields) {
            if (v instanceof BytesRef b) {
                values.add(Map.of("s", b.utf8ToString()));
            } else if (v instanceof Float f) {
                values.add(Map.of("f", f));
            } else if (v instanceof Double d) {
                values.add(Map.of("d", d));
            } else if (v instanceof Long l) {
                values.add(Map.of("l", l));
            } else if (v instanceof Integer i) {
                values.add(Map.of("i", i));
            } else {
                values.add(Map.of("n", 0));
            }
        }
        try {
            byte[] json = JSON.writeValueAsBytes(Map.of("doc", doc.doc, "score", doc.score, "v", values));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FieldDoc decodeCursor(String cursor) {
        try {
            JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            List<Object> fields = new ArrayList<>();
            for (JsonNode v : node.path("v")) {
                if (v.has("s")) {
                    fields.add(new BytesRef(v.get("s").asText()));
                } else if (v.has("f")) {
                    fields.add((float) v.get("f").asDouble());
                } else if (v.has("d")) {
                    fields.add(v.get("d").asDouble());
                } else if (v.has("l")) {
                    fields.add(v.get("l").asLong());
                } else if (v.has("i")) {
                    fields.add(v.get("i").asInt());
                } else {
                    fields.add(null);
                }
            }
            return new FieldDoc(node.path("doc").asInt(), (float) node.path("score").asDouble(), fields.toArray());
        } catch (IOException | IllegalArgumentException e) {
            throw new SearchException("Invalid cursor '" + cursor + "'");
        }
    }
}
