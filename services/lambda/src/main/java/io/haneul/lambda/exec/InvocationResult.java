package io.haneul.lambda.exec;

/**
 * What one invocation produced: the payload (the function's answer or an error document), whether
 * it failed ({@code Unhandled}) and its log (START to REPORT).
 */
public record InvocationResult(byte[] payload, String functionError, String log) {
}
