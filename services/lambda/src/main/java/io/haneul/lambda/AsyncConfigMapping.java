package io.haneul.lambda;

import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.OnFailure;
import software.amazon.awssdk.services.lambda.model.OnSuccess;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Asynchronous-invocation and concurrency records to the SDK's shapes, and a DestinationConfig to a change. */
final class AsyncConfigMapping {

    private AsyncConfigMapping() {
    }

    /** AWS answers a config's destinations as {@code {OnSuccess: {}, OnFailure: {}}} when none is set. */
    static FunctionEventInvokeConfig eventInvokeConfig(EventInvokeConfig c) {
        return FunctionEventInvokeConfig.builder().lastModified(Instant.ofEpochMilli(c.lastModifiedMillis()))
                .functionArn(c.functionArn()).maximumRetryAttempts(c.maximumRetryAttempts())
                .maximumEventAgeInSeconds(c.maximumEventAgeInSeconds())
                .destinationConfig(DestinationConfig.builder().onSuccess(OnSuccess.builder().destination(c.onSuccess()).build())
                        .onFailure(OnFailure.builder().destination(c.onFailure()).build()).build())
                .build();
    }

    static EventInvokeConfigService.Change change(Integer retries, Integer maxAge, DestinationConfig d) {
        return new EventInvokeConfigService.Change(retries, maxAge, d != null,
                d == null || d.onSuccess() == null ? null : d.onSuccess().destination(),
                d == null || d.onFailure() == null ? null : d.onFailure().destination());
    }

    /** Recorded provisioned concurrency is all allocated at once: Haneul has nothing to pre-start. */
    static ProvisionedConcurrencyConfigListItem provisioned(ProvisionedConcurrency p) {
        return ProvisionedConcurrencyConfigListItem.builder().functionArn(p.functionArn())
                .requestedProvisionedConcurrentExecutions(p.requested()).allocatedProvisionedConcurrentExecutions(p.requested())
                .availableProvisionedConcurrentExecutions(p.requested()).status("READY").lastModified(p.lastModified()).build();
    }

    /** Copies the members of one SDK shape into a builder of another with members of the same names. */
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
}
