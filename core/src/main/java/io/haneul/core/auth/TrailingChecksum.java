package io.haneul.core.auth;

/**
 * A checksum that arrived in an aws-chunked trailer and matched the decoded body. The protocol layer
 * stores it with the object and echoes it in responses ({@code ChecksumCRC32C} etc.).
 *
 * @param algorithm the algorithm
 * @param base64    the value as sent (base64 of the big-endian checksum)
 */
public record TrailingChecksum(ChecksumAlgorithm algorithm, String base64) {
}
