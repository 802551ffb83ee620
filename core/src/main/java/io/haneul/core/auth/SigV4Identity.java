package io.haneul.core.auth;

import java.util.Optional;

/**
 * Who a verified request is from and what its signature covers: the result of
 * {@link SigV4Verifier#verify(SignedRequest)}.
 *
 * @param accessKeyId     the signing key id
 * @param accountId       the account the key belongs to
 * @param region          the credential scope's region
 * @param service         the credential scope's service (signing name)
 * @param payloadMode     how the payload is signed
 * @param presigned       whether authentication came from query parameters
 * @param contentSha256   the declared hex SHA-256 of the body when {@link PayloadMode#SIGNED} and the body
 *                        was not available to check; the caller must verify the streamed body against it
 *                        (see {@link ContentSha256InputStream}); otherwise empty
 * @param chunkSigning    what {@link AwsChunkedDecoder} needs for signed chunks; null unless the payload
 *                        mode has chunk signatures
 */
public record SigV4Identity(String accessKeyId, String accountId, String region, String service, PayloadMode payloadMode,
                            boolean presigned, Optional<String> contentSha256, ChunkSigningContext chunkSigning) {
}
