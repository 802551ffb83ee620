package io.haneul.iam.domain;

import java.time.Instant;

/** One version of a managed policy ({@code v1}, {@code v2}, ...); ids are never reused within a policy. */
public record PolicyVersion(String versionId, String document, boolean isDefault, Instant createdAt) {

    /** A managed policy keeps at most five versions. */
    public static final int MAX_VERSIONS = 5;
}
