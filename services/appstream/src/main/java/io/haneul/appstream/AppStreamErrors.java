package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.core.error.AwsErrorException;

import java.util.function.Supplier;

/** The one place AppStream's domain errors become wire errors (all are 400s in AppStream's model). */
final class AppStreamErrors {

    private AppStreamErrors() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (AppStreamException e) {
            throw new AwsErrorException(e.code(), e.getMessage(), 400);
        }
    }
}
