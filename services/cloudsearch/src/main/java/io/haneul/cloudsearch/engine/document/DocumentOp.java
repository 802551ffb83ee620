package io.haneul.cloudsearch.engine.document;

import java.util.List;
import java.util.Map;

/** One operation of a document batch: add (or replace) a document, or delete one. */
public sealed interface DocumentOp {

    String id();

    /** @param fields field name to its values as text, in document order */
    record Add(String id, Map<String, List<String>> fields, int bytes) implements DocumentOp {
    }

    record Delete(String id) implements DocumentOp {
    }
}
