package io.haneul.lambda;

import io.haneul.core.error.AwsErrorException;
import io.haneul.lambda.domain.LambdaException;

import java.util.Map;

/** The one place Lambda's domain errors become wire errors (code, message, status; {@code Type: User} as AWS adds). */
final class LambdaErrors {

    private LambdaErrors() {
    }

    static AwsErrorException toAws(LambdaException e) {
        Map<String, Object> fields = e.reason() != null ? Map.of("Type", "User", "Reason", e.reason())
                : e.code().equals("TooManyRequestsException")
                ? Map.of("Type", "User", "Reason", "ConcurrentInvocationLimitExceeded") : Map.of("Type", "User");
        return new AwsErrorException(e.code(), e.getMessage(), e.status(), true, fields);
    }
}
