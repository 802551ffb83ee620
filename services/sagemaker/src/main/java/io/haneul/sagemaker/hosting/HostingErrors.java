package io.haneul.sagemaker.hosting;

import io.haneul.core.error.AwsErrorException;
import io.haneul.sagemaker.hosting.domain.HostingException;

import java.util.function.Supplier;

/** The one place hosting's domain errors become wire errors, with the HTTP status AWS answers each code with. */
final class HostingErrors {

    private HostingErrors() {
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (HostingException e) {
            throw wire(e);
        }
    }

    static AwsErrorException wire(HostingException e) {
        int status = switch (e.code()) {
            case "ModelError" -> 424;
            case "ModelNotReadyException" -> 429;
            case "ServiceUnavailable" -> 503;
            case "InternalFailure" -> 500;
            default -> 400;
        };
        return new AwsErrorException(e.code(), e.getMessage(), status, status < 500, e.fields());
    }
}
