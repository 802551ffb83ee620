package io.haneul.core.codec;

import java.util.Map;

/**
 * Cases of the model-wide codec test that fail for a known reason not fixed yet, each with that
 * reason. They still run: a listed case that passes fails the test, so the list cannot go stale.
 */
final class KnownCodecGaps {

    private static final Map<String, String> GAPS = Map.ofEntries(
            Map.entry("s3/ListDirectoryBuckets",
                    "ListBuckets and ListDirectoryBuckets are both GET / with no required member; AWS tells"
                            + " them apart by endpoint (s3express-control), the engine by x-id, which this SDK does not send:"
                            + " S3's addressing adds it to a GET / signed for s3express, and this test calls the engine alone"),
            Map.entry("sesv2/PutEmailIdentityDkimSigningAttributes",
                    "SDK 2.40.2 sends PUT /v1/email/identities/{EmailIdentity}/dkim/signing; the shipped model"
                            + " (and the engine's router) has /v2/...: needs a /v1 alias for this operation")
    );

    private KnownCodecGaps() {
    }

    /** Why the case is expected to fail, or null when it must pass. */
    static String reason(String caseId) {
        return GAPS.get(caseId);
    }
}
