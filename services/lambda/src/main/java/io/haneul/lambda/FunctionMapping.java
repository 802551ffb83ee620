package io.haneul.lambda;

import io.haneul.lambda.domain.AliasRecord;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.FunctionSpec;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.DeadLetterConfig;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.EphemeralStorage;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.LoggingConfig;
import software.amazon.awssdk.services.lambda.model.TracingConfigResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Between stored functions and the SDK's shapes. The five responses that carry a function's
 * configuration (CreateFunction, GetFunctionConfiguration, the two updates, the list entries) have
 * the same members, so one {@link FunctionConfiguration} is built and copied member by member.
 */
final class FunctionMapping {

    /** AWS's LastModified: {@code 2026-12-07T04:30:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private FunctionMapping() {
    }

    /** A configuration with its own ARN: unqualified for {@code $LATEST}, with the number for a published version. */
    static FunctionConfiguration configuration(FunctionRecord fn) {
        return configuration(fn, fn.versionArn(), Map.of());
    }

    /** A configuration under the ARN the caller named it by ({@code :$LATEST}, an alias's ARN, ...). */
    static FunctionConfiguration configuration(FunctionRecord fn, String functionArn) {
        return configuration(fn, functionArn, Map.of());
    }

    /** @param layerSizes the code size of each layer version the function uses, for {@code Layers[].CodeSize} */
    static FunctionConfiguration configuration(FunctionRecord fn, Map<String, Long> layerSizes) {
        return configuration(fn, fn.versionArn(), layerSizes);
    }

    /**
     * @param functionArn the ARN the caller named the function by
     * @param layerSizes  the code size of each layer version the function uses, for {@code Layers[].CodeSize}
     */
    static FunctionConfiguration configuration(FunctionRecord fn, String functionArn, Map<String, Long> layerSizes) {
        FunctionConfiguration.Builder b = FunctionConfiguration.builder()
                .functionName(fn.name()).functionArn(functionArn).runtime(fn.runtime()).role(fn.role()).handler(fn.handler())
                .codeSize(fn.codeSize()).description(fn.description()).timeout(fn.timeout()).memorySize(fn.memorySize())
                .lastModified(LAST_MODIFIED.format(Instant.ofEpochMilli(fn.lastModifiedMillis()))).codeSha256(fn.codeSha256())
                .version(fn.version()).revisionId(fn.revisionId()).state(fn.state()).packageType("Zip")
                .architecturesWithStrings(fn.architectures())
                .ephemeralStorage(EphemeralStorage.builder().size(fn.ephemeralStorage()).build())
                .tracingConfig(TracingConfigResponse.builder().mode("PassThrough").build())
                .loggingConfig(LoggingConfig.builder().logFormat("Text").logGroup("/aws/lambda/" + fn.name()).build());
        if (!fn.layers().isEmpty()) {
            b.layers(fn.layers().stream().map(arn -> Layer.builder().arn(arn).codeSize(layerSizes.get(arn)).build()).toList());
        }
        if (fn.deadLetterTargetArn() != null) {
            b.deadLetterConfig(DeadLetterConfig.builder().targetArn(fn.deadLetterTargetArn()).build());
        }
        if (!fn.environment().isEmpty()) {
            b.environment(EnvironmentResponse.builder().variables(fn.environment()).build());
        }
        if (FunctionRecord.PENDING.equals(fn.state())) {
            b.stateReason("The function is being created.").stateReasonCode("Creating");
        }
        if (fn.lastUpdateStatus() != null) {
            b.lastUpdateStatus(fn.lastUpdateStatus());
            if (FunctionRecord.IN_PROGRESS.equals(fn.lastUpdateStatus())) {
                b.lastUpdateStatusReason("The function is being created.").lastUpdateStatusReasonCode("Creating");
            }
        }
        return b.build();
    }

    static AliasConfiguration alias(AliasRecord alias) {
        AliasConfiguration.Builder b = AliasConfiguration.builder().aliasArn(alias.arn()).name(alias.name())
                .functionVersion(alias.functionVersion()).description(alias.description()).revisionId(alias.revisionId());
        if (!alias.weights().isEmpty()) {
            b.routingConfig(AliasRoutingConfiguration.builder().additionalVersionWeights(alias.weights()).build());
        }
        return b.build();
    }

    /** Copies a configuration (of a function or an alias) into a response builder with the same members. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <B extends SdkPojo> B into(SdkPojo source, B target) {
        Map<String, SdkField<?>> targetFields = new HashMap<>();
        target.sdkFields().forEach(f -> targetFields.put(f.memberName(), f));
        for (SdkField<?> field : source.sdkFields()) {
            SdkField t = targetFields.get(field.memberName());
            Object value = field.getValueOrDefault(source);
            if (t != null && value != null) {
                t.set(target, value);
            }
        }
        return target;
    }

    static FunctionSpec spec(String runtime, String handler, String role, String description, Integer timeout, Integer memorySize,
                             software.amazon.awssdk.services.lambda.model.Environment environment, Map<String, String> tags,
                             List<String> architectures, EphemeralStorage ephemeralStorage, List<String> layers,
                             DeadLetterConfig deadLetterConfig) {
        return new FunctionSpec(runtime, handler, role, description, timeout, memorySize,
                environment == null ? null : environment.variables(), tags, architectures,
                ephemeralStorage == null ? null : ephemeralStorage.size(), layers,
                deadLetterConfig == null ? null : Objects.requireNonNullElse(deadLetterConfig.targetArn(), ""));
    }
}
