package io.haneul.core.auth;

import java.util.List;

/**
 * A credentials file could not be used. Carries every problem found, each prefixed with its source and
 * line number, so an operator can fix the file in one go. Messages never contain secrets.
 */
public final class CredentialsFileException extends RuntimeException {

    private final List<String> problems;

    public CredentialsFileException(String source, List<String> problems) {
        super("Invalid credentials file " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public CredentialsFileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** One entry per problem, e.g. {@code "line 3: expected 3 fields ..."}. */
    public List<String> problems() {
        return problems;
    }
}
