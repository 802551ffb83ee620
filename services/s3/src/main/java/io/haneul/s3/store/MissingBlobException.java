package io.haneul.s3.store;

import java.io.IOException;

/**
 * An object's bytes are not in the blob store although its row names them: typically a node of a
 * cluster whose blob configuration differs from the node that stored the object, or files removed
 * by hand. Answered as S3's 500 InternalError and counted in the metrics.
 */
public final class MissingBlobException extends IOException {
    private final String blob;

    public MissingBlobException(String blob, String where, Throwable cause) {
        super("blob " + blob + " is missing from " + where, cause);
        this.blob = blob;
    }

    public String blob() {
        return blob;
    }
}
