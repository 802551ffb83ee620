package io.haneul.cloudsearch;

import io.haneul.cloudsearch.domain.CloudSearchException;
import io.haneul.core.error.AwsErrorException;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place CloudSearch's domain errors become wire errors. Each is an error shape of the model,
 * whose query code ({@code ResourceNotFound}, {@code InvalidType}, {@code LimitExceeded}...) and
 * status the engine takes from the model.
 */
final class CloudSearchErrors {

    private CloudSearchErrors() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (CloudSearchException e) {
            throw new AwsErrorException(e.shape(), e.getMessage(), e.status(), true, Map.of());
        }
    }
}
