package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;
import io.haneul.cloudsearch.engine.index.FieldType;
import io.haneul.cloudsearch.engine.index.FieldValues;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.QueryBuilder;

import java.util.Locale;

/**
 * The query on one field for each structured-query form (term, phrase, prefix, near, range), by
 * the field's type: points for numbers and dates, exact terms for literals, analyzed text for text
 * fields (with the query-side analyzer, synonyms included), boxes for latlon ranges.
 */
final class FieldQueries {

    private final CompiledSchema schema;
    private final QueryBuilder builder;

    FieldQueries(CompiledSchema schema) {
        this.schema = schema;
        this.builder = new QueryBuilder(schema.queryAnalyzer());
    }

    CompiledSchema schema() {
        return schema;
    }

    FieldSpec spec(String field) {
        FieldSpec spec = schema.field(field)
                .orElseThrow(() -> new SearchException("Syntax error in query: field '" + field + "' is not defined in the domain"));
        if (!spec.search()) {
            throw new SearchException("Syntax error in query: field '" + field + "' is not search enabled");
        }
        return spec;
    }

    /** A value matched in the field: a number or date exactly, a literal exactly, text as a phrase of its words. */
    Query term(String field, String value) {
        FieldSpec spec = spec(field);
        try {
            return switch (spec.type()) {
                case INT -> LongPoint.newExactQuery(field, FieldValues.parseInt(value));
                case DATE -> LongPoint.newExactQuery(field, FieldValues.parseDate(value));
                case DOUBLE -> DoublePoint.newExactQuery(field, FieldValues.parseDouble(value));
                case LITERAL -> new TermQuery(new Term(field, value));
                case TEXT -> orNone(builder.createPhraseQuery(field, value));
                case LATLON -> throw new SearchException("Syntax error in query: latlon field '" + field + "' can only be searched with a range");
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new SearchException("Syntax error in query: invalid " + spec.type().name().toLowerCase(Locale.ROOT)
                    + " value '" + value + "' for field '" + field + "'");
        }
    }

    Query phrase(String field, String value, int slop) {
        FieldSpec spec = spec(field);
        if (spec.type() != FieldType.TEXT) {
            return term(field, value);
        }
        return orNone(builder.createPhraseQuery(field, value, slop));
    }

    /** Text analysis is not applied to prefixes (AWS's rule); text terms are lower-cased like the index. */
    Query prefix(String field, String value) {
        FieldSpec spec = spec(field);
        return switch (spec.type()) {
            case TEXT -> new PrefixQuery(new Term(field, value.toLowerCase(Locale.ROOT)));
            case LITERAL -> new PrefixQuery(new Term(field, value));
            default -> throw new SearchException("Syntax error in query: prefix searches need a text or literal field, not '" + field + "'");
        };
    }

    /** A range; a null bound is open. Latlon ranges are boxes from the upper-left corner to the lower-right one. */
    Query range(String field, String lo, boolean includeLo, String hi, boolean includeHi) {
        FieldSpec spec = spec(field);
        try {
            return switch (spec.type()) {
                case INT, DATE -> {
                    long min = lo == null ? Long.MIN_VALUE : parseLong(spec, lo);
                    long max = hi == null ? Long.MAX_VALUE : parseLong(spec, hi);
                    if (lo != null && !includeLo) {
                        min = Math.addExact(min, 1);
                    }
                    if (hi != null && !includeHi) {
                        max = Math.addExact(max, -1);
                    }
                    yield LongPoint.newRangeQuery(field, min, max);
                }
                case DOUBLE -> {
                    double min = lo == null ? Double.NEGATIVE_INFINITY : FieldValues.parseDouble(lo);
                    double max = hi == null ? Double.POSITIVE_INFINITY : FieldValues.parseDouble(hi);
                    if (lo != null && !includeLo) {
                        min = Math.nextUp(min);
                    }
                    if (hi != null && !includeHi) {
                        max = Math.nextDown(max);
                    }
                    yield DoublePoint.newRangeQuery(field, min, max);
                }
                case LITERAL -> TermRangeQuery.newStringRange(field, lo, hi, includeLo, includeHi);
                case TEXT -> TermRangeQuery.newStringRange(field, lo == null ? null : lo.toLowerCase(Locale.ROOT),
                        hi == null ? null : hi.toLowerCase(Locale.ROOT), includeLo, includeHi);
                case LATLON -> {
                    if (lo == null || hi == null) {
                        throw new SearchException("Syntax error in query: a latlon range needs both corners");
                    }
                    double[] upperLeft = FieldValues.parseLatLon(lo);
                    double[] lowerRight = FieldValues.parseLatLon(hi);
                    yield LatLonPoint.newBoxQuery(field, lowerRight[0], upperLeft[0], upperLeft[1], lowerRight[1]);
                }
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new SearchException("Syntax error in query: invalid range bound for field '" + field + "'");
        }
    }

    private static long parseLong(FieldSpec spec, String v) {
        return spec.type() == FieldType.DATE ? FieldValues.parseDate(v) : FieldValues.parseInt(v);
    }

    private static Query orNone(Query q) {
        return q == null ? new MatchNoDocsQuery() : q;
    }
}
