package io.haneul.lambda.domain;

import java.util.List;

/**
 * A code signing config as stored: AWS's id ({@code csc-} and 17 hex digits) and ARN, the signing
 * profile versions it trusts, and what a deployment of untrusted code does ({@code Warn} or
 * {@code Enforce}). Haneul cannot sign code, so every package counts as unsigned (see
 * {@code CodeSigningService}).
 *
 * @param lastModified ISO-8601 as the API reports it
 */
public record CodeSigningConfigRecord(String id, String arn, String description, List<String> signingProfileVersionArns,
                                      String untrustedArtifactOnDeployment, String lastModified) {

    public static final String WARN = "Warn";
    public static final String ENFORCE = "Enforce";

    public CodeSigningConfigRecord {
        signingProfileVersionArns = List.copyOf(signingProfileVersionArns);
    }

    public boolean enforces() {
        return ENFORCE.equals(untrustedArtifactOnDeployment);
    }
}
