package io.haneul.rekognition;

import io.haneul.core.error.AwsErrorException;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.vision.VisionException;

/** The one place Rekognition's domain and model errors become wire errors. */
final class RekognitionErrors {

    /** Work that may fail because a model could not run. */
    @FunctionalInterface
    interface Work<T> {
        T get() throws VisionException;
    }

    private RekognitionErrors() {
    }

    static <T> T call(Work<T> work) {
        try {
            return work.get();
        } catch (RekognitionException e) {
            throw new AwsErrorException(e.code(), e.getMessage(), e.status());
        } catch (VisionException e) {
            throw new AwsErrorException("InternalServerError", "Amazon Rekognition experienced a service issue: " + e.getMessage(), 500,
                    false, java.util.Map.of());
        }
    }
}
