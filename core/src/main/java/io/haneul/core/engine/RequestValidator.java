package io.haneul.core.engine;

/**
 * Checks a parsed request against its model's constraints (required members, lengths, ranges,
 * patterns, enums) before the provider sees it, and throws the service's own validation error.
 */
@FunctionalInterface
public interface RequestValidator {

    void validate(OperationBinding operation, Object request);

    /**
     * Checks the input of an operation answered on documents ({@link DocumentOperations}): the model's
     * required members must be present, answered with the service's own validation error. Nothing by default.
     */
    default void validateDocument(OperationBinding operation, com.fasterxml.jackson.databind.JsonNode input) {
    }

    RequestValidator NONE = (op, request) -> {
    };
}
