package io.haneul.lambda;

import io.haneul.lambda.domain.LayerVersionRecord;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.lambda.model.LayerVersionContentOutput;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Between stored layer versions and the SDK's shapes. PublishLayerVersion, GetLayerVersion and
 * GetLayerVersionByArn answer the same members, so one response is built and copied member by member.
 */
final class LayerMapping {

    /** AWS's CreatedDate: {@code 2026-12-07T04:30:00.000+0000}. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private LayerMapping() {
    }

    static PublishLayerVersionResponse published(LayerVersionRecord v, LayerVersionContentOutput content) {
        PublishLayerVersionResponse.Builder b = PublishLayerVersionResponse.builder().content(content).layerArn(v.layerArn())
                .layerVersionArn(v.versionArn()).description(v.description()).createdDate(created(v)).version(v.version())
                .licenseInfo(v.licenseInfo());
        if (!v.compatibleRuntimes().isEmpty()) {
            b.compatibleRuntimesWithStrings(v.compatibleRuntimes());
        }
        if (!v.compatibleArchitectures().isEmpty()) {
            b.compatibleArchitecturesWithStrings(v.compatibleArchitectures());
        }
        return b.build();
    }

    /** Copies a layer version's members into a response builder with the same members. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <B extends SdkPojo> B into(LayerVersionRecord v, LayerVersionContentOutput content, B target) {
        PublishLayerVersionResponse source = published(v, content);
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

    static LayerVersionsListItem item(LayerVersionRecord v) {
        LayerVersionsListItem.Builder b = LayerVersionsListItem.builder().layerVersionArn(v.versionArn()).version(v.version())
                .description(v.description()).createdDate(created(v)).licenseInfo(v.licenseInfo());
        if (!v.compatibleRuntimes().isEmpty()) {
            b.compatibleRuntimesWithStrings(v.compatibleRuntimes());
        }
        if (!v.compatibleArchitectures().isEmpty()) {
            b.compatibleArchitecturesWithStrings(v.compatibleArchitectures());
        }
        return b.build();
    }

    static LayersListItem listed(LayerVersionRecord latest) {
        return LayersListItem.builder().layerName(latest.name()).layerArn(latest.layerArn()).latestMatchingVersion(item(latest)).build();
    }

    /** One page of items in order, and the marker of the next page (null on the last). */
    record Page<T>(List<T> items, String nextMarker) {
    }

    /**
     * A page of {@code all} (sorted by {@code key}) after the item whose key the marker holds; the
     * marker is that key base64url-encoded, so callers treat it as opaque.
     */
    static <T> Page<T> page(List<T> all, Function<T, String> key, String marker, Integer maxItems) {
        int max = maxItems == null ? 50 : Math.max(1, Math.min(maxItems, 50));
        String from = Markers.unmark(marker);
        List<T> rest = from == null ? all : all.stream().filter(t -> key.apply(t).compareTo(from) > 0).toList();
        List<T> items = rest.stream().limit(max).toList();
        String next = rest.size() > max ? Markers.mark(key.apply(items.getLast())) : null;
        return new Page<>(items, next);
    }

    private static String created(LayerVersionRecord v) {
        return CREATED.format(Instant.ofEpochMilli(v.createdMillis()));
    }
}
