package io.haneul.lambda.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lambda's limits on a function's configuration that the API model cannot express (ranges and
 * patterns are checked by the engine from the model before a provider runs).
 */
public final class FunctionRules {

    /** AWS measures the variables as their JSON object and refuses more than 4 KB. */
    public static final int ENVIRONMENT_LIMIT_BYTES = 4096;
    /** A synchronous invocation's request and response payloads. */
    public static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    /** An asynchronous (Event) invocation's payload. */
    public static final int ASYNC_PAYLOAD_LIMIT = 256 * 1024;

    private final ObjectMapper json;

    public FunctionRules(ObjectMapper json) {
        this.json = json;
    }

    public void checkEnvironment(Map<String, String> variables) {
        String measured;
        try {
            measured = json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (measured.getBytes(StandardCharsets.UTF_8).length > ENVIRONMENT_LIMIT_BYTES) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables because the "
                    + "environment variables you have provided exceeded the 4KB limit. String measured: " + measured);
        }
        // the keys' pattern is checked by the engine from the model, with AWS's message
    }

    public void checkHandler(String handler) {
        if (handler == null || handler.isEmpty()) {
            throw LambdaException.invalidParameter("Handler is required for the runtime and the code package type Zip.");
        }
    }

    public void checkPayload(int bytes, boolean async) {
        if (async && bytes > ASYNC_PAYLOAD_LIMIT) {
            throw LambdaException.tooLarge("Request must be smaller than " + ASYNC_PAYLOAD_LIMIT + " bytes for the InvokeAsync operation");
        }
        if (bytes > SYNC_PAYLOAD_LIMIT) {
            throw LambdaException.tooLarge("Request must be smaller than " + SYNC_PAYLOAD_LIMIT + " bytes for the InvokeFunction operation");
        }
    }
}
