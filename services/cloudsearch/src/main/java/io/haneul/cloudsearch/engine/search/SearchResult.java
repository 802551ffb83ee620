package io.haneul.cloudsearch.engine.search;

import java.util.List;
import java.util.Map;

/**
 * A search's answer before it is written as JSON or XML.
 *
 * @param cursor the cursor for the next page when the request paged by cursor, else null
 */
public record SearchResult(long found, long start, String cursor, List<Hit> hits, Map<String, List<Bucket>> facets,
                           Map<String, FieldStats> stats) {

    /**
     * @param fields returned fields: a String for a single-valued field, a List of Strings for an array field
     */
    public record Hit(String id, Map<String, Object> fields, Map<String, String> exprs, Map<String, String> highlights) {
    }

    public record Bucket(String value, long count) {
    }

    /** {@code stats.F}: min, max and mean printed as the field's values are (null when nothing had a value). */
    public record FieldStats(long count, long missing, String min, String max, String mean, double sum, double sumOfSquares,
                             double stddev) {
    }
}
