package io.haneul.cloudsearch.engine.index;

/**
 * Lucene field names beside the schema's own: the document id, the stored source, and the doc-values
 * twins of fields that sort, feed expressions or facet (Lucene allows one doc-values type per name,
 * and a field may need two).
 */
public final class Names {

    public static final String ID = "_id";
    public static final String SOURCE = "_source";

    private Names() {
    }

    /** Doc values for sorting and expressions: one value per document. */
    public static String sort(String field) {
        return "$s." + field;
    }

    /** Doc values for facet counting: every value of the document. */
    public static String facet(String field) {
        return "$f." + field;
    }
}
