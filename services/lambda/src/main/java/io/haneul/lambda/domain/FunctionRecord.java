package io.haneul.lambda.domain;

import java.util.List;
import java.util.Map;

/**
 * One function's {@code $LATEST} configuration as stored: what the caller declared plus what
 * Lambda computed (code hash and size, revision, state). Immutable; changes make a new record
 * with a new {@code revisionId}.
 *
 * @param lastModifiedMillis when the configuration or code last changed
 * @param state              {@code Pending} until the code is ready, then {@code Active}
 * @param lastUpdateStatus   {@code InProgress} while an update is applied, then {@code Successful}
 * @param version            {@code $LATEST}, or the number of a published version (a frozen copy)
 * @param layers             the layer version ARNs, in the order they are applied
 * @param deadLetterTargetArn the SQS queue or SNS topic of DeadLetterConfig, or null
 */
public record FunctionRecord(String account, String region, String name, String runtime, String handler, String role,
                             String description, int timeout, int memorySize, Map<String, String> environment,
                             Map<String, String> tags, List<String> architectures, int ephemeralStorage,
                             String codeSha256, long codeSize, String revisionId, long lastModifiedMillis,
                             String state, String lastUpdateStatus, String version, List<String> layers,
                             String deadLetterTargetArn) {

    public static final String PENDING = "Pending";
    public static final String ACTIVE = "Active";
    public static final String IN_PROGRESS = "InProgress";
    public static final String SUCCESSFUL = "Successful";
    public static final String LATEST = "$LATEST";

    public FunctionRecord {
        environment = Map.copyOf(environment);
        tags = Map.copyOf(tags);
        architectures = List.copyOf(architectures);
        version = version == null ? LATEST : version;
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    public String arn() {
        return FunctionArns.arn(region, account, name);
    }

    /** The ARN with the version for a published version ({@code ...:function:name:3}); unqualified for {@code $LATEST}. */
    public String versionArn() {
        return LATEST.equals(version) ? arn() : arn() + ":" + version;
    }

    /**
     * The frozen copy of this configuration published as {@code number}: its own revision, Active,
     * with the description given to PublishVersion (or this one's).
     */
    public FunctionRecord asVersion(String number, String versionDescription, String newRevisionId, long publishedMillis) {
        return new FunctionRecord(account, region, name, runtime, handler, role,
                versionDescription == null ? description : versionDescription, timeout, memorySize, environment, tags,
                architectures, ephemeralStorage, codeSha256, codeSize, newRevisionId, publishedMillis, ACTIVE, SUCCESSFUL,
                number, layers, deadLetterTargetArn);
    }

    /** True when the record is waiting for its preparation step to finish. */
    public boolean settling() {
        return PENDING.equals(state) || IN_PROGRESS.equals(lastUpdateStatus);
    }

    /** The record once its code and configuration are ready to run. */
    public FunctionRecord settled() {
        return new FunctionRecord(account, region, name, runtime, handler, role, description, timeout, memorySize,
                environment, tags, architectures, ephemeralStorage, codeSha256, codeSize, revisionId,
                lastModifiedMillis, ACTIVE, SUCCESSFUL, version, layers, deadLetterTargetArn);
    }
}
