package io.haneul.lambda.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One published layer version as stored. Immutable: a version's content never changes after
 * PublishLayerVersion (as on AWS); only its permissions do, each change making a new record with a
 * new {@code policyRevision}.
 *
 * @param codeSha256    base64 SHA-256 of the layer's zip (the API's {@code Content.CodeSha256})
 * @param codeSize      the zip's size in bytes
 * @param unpackedSize  the bytes the zip unpacks to, counted against a function's 250 MB with its layers
 * @param statements    the version's permission statements by statement id, in the order they were added,
 *                      each the JSON AWS answers in AddLayerVersionPermission's {@code Statement}
 * @param grantees      for each statement id, the account it grants ({@code *} for everyone)
 * @param policyRevision the policy's revision id, or null while it has no statement
 */
public record LayerVersionRecord(String account, String region, String name, long version, String description,
                                 String licenseInfo, List<String> compatibleRuntimes, List<String> compatibleArchitectures,
                                 String codeSha256, long codeSize, long unpackedSize, long createdMillis,
                                 Map<String, String> statements, Map<String, String> grantees, String policyRevision) {

    public LayerVersionRecord {
        compatibleRuntimes = compatibleRuntimes == null ? List.of() : List.copyOf(compatibleRuntimes);
        compatibleArchitectures = compatibleArchitectures == null ? List.of() : List.copyOf(compatibleArchitectures);
        statements = statements == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statements));
        grantees = grantees == null ? Map.of() : Map.copyOf(grantees);
    }

    public String layerArn() {
        return LayerArns.layerArn(region, account, name);
    }

    public String versionArn() {
        return layerArn() + ":" + version;
    }

    /** Whether {@code callerAccount} may use this version: its owner, or an account a statement grants. */
    public boolean usableBy(String callerAccount) {
        return account.equals(callerAccount) || grantees.containsValue("*") || grantees.containsValue(callerAccount);
    }

    /** This version with other permission statements. */
    public LayerVersionRecord withPolicy(Map<String, String> newStatements, Map<String, String> newGrantees, String revision) {
        return new LayerVersionRecord(account, region, name, version, description, licenseInfo, compatibleRuntimes,
                compatibleArchitectures, codeSha256, codeSize, unpackedSize, createdMillis, newStatements, newGrantees,
                newStatements.isEmpty() ? null : revision);
    }
}
