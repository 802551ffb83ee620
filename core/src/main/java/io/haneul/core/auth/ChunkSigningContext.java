package io.haneul.core.auth;

/**
 * What {@link AwsChunkedDecoder} needs to verify chunk and trailer signatures: the derived signing key,
 * the request timestamp and scope, and the seed signature (the request's own signature) that the
 * chunk signatures chain from.
 *
 * <p>Opaque on purpose: the signing key is a secret, so nothing is exposed outside this package and
 * {@link #toString()} prints nothing sensitive.
 */
public final class ChunkSigningContext {

    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final String seedSignature;

    ChunkSigningContext(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this.signingKey = signingKey.clone();
        this.amzDate = amzDate;
        this.scope = scope;
        this.seedSignature = seedSignature;
    }

    byte[] signingKey() {
        return signingKey;
    }

    String amzDate() {
        return amzDate;
    }

    String scope() {
        return scope;
    }

    String seedSignature() {
        return seedSignature;
    }

    @Override
    public String toString() {
        return "ChunkSigningContext[scope=" + scope + ", key=****]";
    }
}
