package io.haneul.core.engine;

import io.haneul.core.error.AwsErrorException;

/**
 * Implemented by a provider whose domain throws its own exceptions: the one place where they
 * become AWS errors (named by error shape or code). Return null for exceptions that are not the
 * domain's, so they are treated as unexpected failures.
 */
@FunctionalInterface
public interface ErrorTranslator {
    AwsErrorException translate(RuntimeException domainError);
}
