package io.haneul.core.engine;

/**
 * Checks a parsed request against its model's constraints (required members, lengths, ranges,
 * patterns, enums) before the provider sees it, and throws the service's own validation error.
 */
@FunctionalInterface
public interface RequestValidator {

    void validate(OperationBinding operation, Object request);

    RequestValidator NONE = (op, request) -> {
    };
}
