package io.haneul.lambda.domain;

/**
 * A function's (or one qualifier's) resource policy as stored: its statements, a JSON array in
 * AWS's rendering, and the revision that RevisionId preconditions compare.
 */
public record FunctionPolicy(String statements, String revisionId) {
}
