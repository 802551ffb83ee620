package io.haneul.transcoder;

import io.haneul.core.error.AwsErrorException;
import io.haneul.transcoder.domain.TranscoderException;

import java.util.function.Supplier;

/** The one place Elastic Transcoder's domain errors become wire errors. */
final class TranscoderErrors {

    private TranscoderErrors() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (TranscoderException e) {
            throw new AwsErrorException(e.code(), e.getMessage(), e.status());
        }
    }
}
