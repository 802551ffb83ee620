package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldType;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The four query parsers of {@code q.parser}: {@code simple} (Lucene's SimpleQueryParser, whose
 * operators are CloudSearch's), {@code structured} ({@link StructuredParser}), {@code lucene}
 * (Lucene's classic parser, numbers and dates routed to point queries) and {@code dismax} (Solr's
 * DisMax: each clause a DisjunctionMaxQuery over the weighted fields, phrase boosts from phraseFields).
 */
public final class QueryParsers {

    private QueryParsers() {
    }

    public static Query parse(String parser, String q, String options, CompiledSchema schema) {
        if (q == null || q.isBlank()) {
            throw new SearchException("Syntax error in query: the q parameter is required");
        }
        QueryOptions o = QueryOptions.parse(options, schema);
        FieldQueries fields = new FieldQueries(schema);
        String p = parser == null ? "simple" : parser;
        Query query = switch (p) {
            case "simple" -> simple(q, o, schema);
            case "structured" -> new StructuredParser(fields, List.copyOf(o.fields().keySet())).parse(q);
            case "lucene" -> lucene(q, o, fields);
            case "dismax" -> dismax(q, o, schema);
            default -> throw new SearchException("Invalid q.parser '" + p + "': expected simple, structured, lucene or dismax");
        };
        return query == null ? new MatchNoDocsQuery() : query;
    }

    /** {@code fq}: structured syntax, matched without scoring. */
    public static Query filter(String fq, CompiledSchema schema) {
        return new StructuredParser(new FieldQueries(schema), schema.defaultSearchFields()).parse(fq);
    }

    private static Query simple(String q, QueryOptions o, CompiledSchema schema) {
        int flags = -1;
        if (o.operators() != null) {
            flags = 0;
            for (String op : o.operators()) {
                flags |= switch (op) {
                    case "and" -> SimpleQueryParser.AND_OPERATOR;
                    case "or" -> SimpleQueryParser.OR_OPERATOR;
                    case "not" -> SimpleQueryParser.NOT_OPERATOR;
                    case "prefix" -> SimpleQueryParser.PREFIX_OPERATOR;
                    case "phrase" -> SimpleQueryParser.PHRASE_OPERATOR;
                    case "precedence" -> SimpleQueryParser.PRECEDENCE_OPERATORS;
                    case "escape" -> SimpleQueryParser.ESCAPE_OPERATOR;
                    case "whitespace" -> SimpleQueryParser.WHITESPACE_OPERATOR;
                    case "fuzzy" -> SimpleQueryParser.FUZZY_OPERATOR;
                    case "near" -> SimpleQueryParser.NEAR_OPERATOR;
                    default -> throw new SearchException("Invalid q.options: unknown operator '" + op + "'");
                };
            }
        }
        SimpleQueryParser parser = new SimpleQueryParser(schema.queryAnalyzer(), o.fields(), flags);
        parser.setDefaultOperator(o.and() ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
        return minimumMatch(parser.parse(q), o);
    }

    private static Query minimumMatch(Query q, QueryOptions o) {
        if (o.percent() == null || !(q instanceof BooleanQuery bq)) {
            return q;
        }
        long should = bq.clauses().stream().filter(c -> c.occur() == BooleanClause.Occur.SHOULD).count();
        int min = (int) Math.ceil(should * o.percent() / 100.0);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        bq.clauses().forEach(b::add);
        return b.setMinimumNumberShouldMatch(min).build();
    }

    private static Query lucene(String q, QueryOptions o, FieldQueries typed) {
        QueryParser parser = new MultiFieldQueryParser(o.fields().keySet().toArray(String[]::new), typed.schema().queryAnalyzer(),
                o.fields()) {
            @Override
            protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
                if (field != null && isTyped(field)) {
                    return typed.term(field, text);
                }
                return super.getFieldQuery(field, text, quoted);
            }

            @Override
            protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
                    throws ParseException {
                if (field != null && typed.schema().field(field).isPresent()) {
                    return typed.range(field, part1, startInclusive, part2, endInclusive);
                }
                return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
            }

            private boolean isTyped(String field) {
                return typed.schema().field(field).map(s -> s.type() != FieldType.TEXT).orElse(false);
            }
        };
        parser.setDefaultOperator(o.and() ? QueryParser.Operator.AND : QueryParser.Operator.OR);
        try {
            return minimumMatch(parser.parse(q), o);
        } catch (ParseException e) {
            throw new SearchException("Syntax error in query: " + firstLine(e.getMessage()));
        }
    }

    private static Query dismax(String q, QueryOptions o, CompiledSchema schema) {
        QueryBuilder builder = new QueryBuilder(schema.queryAnalyzer());
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        List<String> plainWords = new ArrayList<>();
        int clauses = 0;
        for (String token : dismaxTokens(q)) {
            BooleanClause.Occur occur = o.and() ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD;
            String t = token;
            if (t.startsWith("+")) {
                occur = BooleanClause.Occur.MUST;
                t = t.substring(1);
            } else if (t.startsWith("-")) {
                occur = BooleanClause.Occur.MUST_NOT;
                t = t.substring(1);
            }
            boolean quoted = t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"");
            String text = quoted ? t.substring(1, t.length() - 1) : t;
            if (text.isBlank()) {
                continue;
            }
            if (occur != BooleanClause.Occur.MUST_NOT) {
                plainWords.add(text);
            }
            List<Query> perField = new ArrayList<>();
            for (Map.Entry<String, Float> f : o.fields().entrySet()) {
                Query fq = quoted ? builder.createPhraseQuery(f.getKey(), text, o.explicitPhraseSlop())
                        : builder.createBooleanQuery(f.getKey(), text, BooleanClause.Occur.MUST);
                if (fq != null) {
                    perField.add(f.getValue() == 1f ? fq : new BoostQuery(fq, f.getValue()));
                }
            }
            if (!perField.isEmpty()) {
                all.add(new DisjunctionMaxQuery(perField, o.tieBreaker()), occur);
                if (occur == BooleanClause.Occur.SHOULD) {
                    clauses++;
                }
            }
        }
        if (o.percent() != null) {
            all.setMinimumNumberShouldMatch((int) Math.ceil(clauses * o.percent() / 100.0));
        }
        BooleanQuery main = all.build();
        if (o.phraseFields().isEmpty() || plainWords.size() < 2) {
            return main;
        }
        BooleanQuery.Builder withPhrases = new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST);
        String phrase = String.join(" ", plainWords);
        for (Map.Entry<String, Float> f : o.phraseFields().entrySet()) {
            Query pq = builder.createPhraseQuery(f.getKey(), phrase, o.phraseSlop());
            if (pq != null) {
                withPhrases.add(new BoostQuery(pq, f.getValue()), BooleanClause.Occur.SHOULD);
            }
        }
        return withPhrases.build();
    }

    private static List<String> dismaxTokens(String q) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false;
        for (char c : q.toCharArray()) {
            if (c == '"') {
                inQuote = !inQuote;
                cur.append(c);
            } else if (Character.isWhitespace(c) && !inQuote) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
