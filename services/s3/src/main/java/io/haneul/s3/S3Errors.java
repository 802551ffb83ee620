package io.haneul.s3;

import io.haneul.core.engine.RequestBody;
import io.haneul.core.error.AwsErrorException;
import io.haneul.s3.domain.S3Exception;

import java.io.UncheckedIOException;

/**
 * The one place S3 domain errors become AWS errors: the code, AWS's status and the extra elements
 * of S3's {@code <Error>} document; also body verification failures met while streaming an upload.
 */
final class S3Errors {

    private S3Errors() {
    }

    static AwsErrorException toAws(RuntimeException e) {
        if (e instanceof S3Exception s) {
            return new AwsErrorException(s.error().name(), s.getMessage(), s.error().status(), s.error().status() < 500, s.fields());
        }
        if (e instanceof io.haneul.core.auth.AuthException a) { // a browser-form upload's signature
            return new AwsErrorException(a.code(), a.getMessage(), a.status(), true, new java.util.LinkedHashMap<>(a.details()));
        }
        if (e instanceof UncheckedIOException io) {
            return RequestBody.toAwsError(io.getCause());
        }
        return RequestBody.toAwsError(e);
    }
}
