package io.haneul.cloudsearch.engine.document;

import java.util.List;
import java.util.Map;

/** One operation of a document batch: add (or replace) a document, or delete one. */
public sealed interface DocumentOp {

    String id();

    /**
     * @param fields field name to its values as text, in document order
     * @param sent   the document's {@code fields} object as the batch wrote it (JSON batches; null for
     *               XML), which is stored as it is when the schema adds nothing to the document
     */
    record Add(String id, Map<String, List<String>> fields, int bytes, String sent) implements DocumentOp {

        public Add(String id, Map<String, List<String>> fields, int bytes) {
            this(id, fields, bytes, null);
        }
    }

    record Delete(String id) implements DocumentOp {
    }
}
