package io.haneul.cloudsearch.engine.document;

import java.util.List;

/**
 * A document batch the document service refuses as a whole: nothing of it is applied. {@code status}
 * is the HTTP status AWS answers (400 for bad content, 413 for a batch over 5 MB, 415 for a
 * content type other than JSON or XML).
 */
public final class BatchRejected extends RuntimeException {

    private final int status;
    private final List<String> errors;

    public BatchRejected(int status, List<String> errors) {
        super(String.join("; ", errors));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public BatchRejected(String error) {
        this(400, List.of(error));
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }
}
