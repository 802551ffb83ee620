package io.haneul.lambda;

import io.haneul.lambda.domain.EventSourceMapping;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.FilterCriteria;
import software.amazon.awssdk.services.lambda.model.ScalingConfig;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Event source mappings in the SDK's shapes: {@code EventSourceMappingConfiguration} and the requests' settings. */
final class MappingShapes {

    private MappingShapes() {
    }

    static EventSourceMappingConfiguration configuration(EventSourceMapping m) {
        EventSourceMappingConfiguration.Builder b = EventSourceMappingConfiguration.builder().uuid(m.uuid())
                .eventSourceArn(m.eventSourceArn()).functionArn(m.functionArn()).batchSize(m.batchSize())
                .maximumBatchingWindowInSeconds(m.batchingWindowSeconds()).state(m.state())
                .stateTransitionReason(m.stateTransitionReason()).lastModified(Instant.ofEpochMilli(m.lastModifiedMillis()))
                .functionResponseTypesWithStrings(m.functionResponseTypes()).eventSourceMappingArn(m.arn());
        if (m.maximumConcurrency() != null) {
            b.scalingConfig(ScalingConfig.builder().maximumConcurrency(m.maximumConcurrency()).build());
        }
        if (!m.filterPatterns().isEmpty()) {
            b.filterCriteria(FilterCriteria.builder().filters(m.filterPatterns().stream()
                    .map(p -> Filter.builder().pattern(p).build()).toList()).build());
        }
        return b.build();
    }

    /** The patterns of a request's FilterCriteria: null when not given, empty when given without filters (clears them). */
    static List<String> patterns(FilterCriteria criteria) {
        if (criteria == null) {
            return null;
        }
        return criteria.hasFilters() ? criteria.filters().stream().map(Filter::pattern).toList() : List.of();
    }

    static Integer maximumConcurrency(ScalingConfig scaling) {
        return scaling == null ? null : scaling.maximumConcurrency();
    }

    /** Copies a mapping's configuration into a response builder of the same shape (Create/Get/Update/Delete answers). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static <B extends SdkPojo> B into(EventSourceMappingConfiguration source, B target) {
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
