package io.haneul.lambda;

import io.haneul.lambda.domain.LambdaException;

import java.util.function.Supplier;

/** Where Lambda's domain errors become AWS errors: every API method runs its work through {@link #call}. */
final class LambdaCalls {

    private LambdaCalls() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (LambdaException e) {
            throw LambdaErrors.toAws(e);
        }
    }
}
