package io.haneul.apigateway;

import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.error.AwsErrorException;

import java.util.function.Supplier;

/** The one place API Gateway's domain errors become wire errors. */
final class ApiGatewayErrors {

    private ApiGatewayErrors() {
    }

    static AwsErrorException toAws(ApiGatewayException e) {
        return new AwsErrorException(e.code(), e.getMessage(), e.status());
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiGatewayException e) {
            throw toAws(e);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
