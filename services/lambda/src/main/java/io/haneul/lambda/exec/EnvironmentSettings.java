package io.haneul.lambda.exec;

import java.time.Duration;

/**
 * How functions run on this server.
 *
 * @param endpoint     Haneul's own URL ({@code AWS_ENDPOINT_URL} inside functions, and the Runtime API's host)
 * @param initTimeout  how long a new environment may take to ask for its first event (AWS: 10 s)
 * @param nextPoll     how long a runtime's {@code next} call is held open before it is answered 204 and asked again
 * @param strictAuth   whether the server verifies signatures (functions then get no working keys: see docs/lambda.md)
 * @param accountConcurrency how many environments (concurrent executions) one account may have; beyond it
 *                           Invoke answers TooManyRequestsException
 */
public record EnvironmentSettings(String endpoint, Duration initTimeout, Duration nextPoll, boolean strictAuth,
                                  int accountConcurrency) {

    /** {@code host:port/_aws/lambda-runtime/<id>}: runtimes write {@code http://} + this + {@code /2018-06-01/...}. */
    public String runtimeApi(String environmentId) {
        return endpoint.replaceFirst("^https?://", "") + RuntimeApiPlane.PREFIX + environmentId;
    }
}
