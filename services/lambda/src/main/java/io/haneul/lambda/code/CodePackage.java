package io.haneul.lambda.code;

import java.nio.file.Path;

/**
 * A function's code as unpacked on disk.
 *
 * @param sha256Base64 the zip's SHA-256 in base64 (the API's {@code CodeSha256})
 * @param size         the zip's size in bytes ({@code CodeSize})
 * @param root         the directory the zip was unpacked into ({@code LAMBDA_TASK_ROOT})
 */
public record CodePackage(String sha256Base64, long size, Path root) {
}
