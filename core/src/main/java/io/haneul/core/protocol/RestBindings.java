package io.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The REST protocols' non-body bindings, shared by rest-json and rest-xml: members bound to path
 * labels, query parameters and headers, the status code, and the payload member.
 */
final class RestBindings {

    private RestBindings() {
    }

    /**
     * Sets the builder's path, query and header members from the request.
     *
     * @param literalQuery query keys the operation's URI template names literally (S3's {@code uploads},
     *                     API Gateway's {@code mode}): they are no member's, not even a query map's
     */
    static void readNonPayload(WireRequest request, Map<String, String> labels, Set<String> literalQuery, SdkPojo builder) {
        Map<String, List<String>> query = request.queryParameters();
        Set<String> boundQuery = new HashSet<>(literalQuery);
        SdkField<?> queryMap = null;
        for (SdkField<?> f : builder.sdkFields()) {
            MarshallLocation loc = f.location();
            if (loc == MarshallLocation.PATH || loc == MarshallLocation.GREEDY_PATH) {
                String v = labels.get(f.locationName());
                if (v != null) {
                    f.set(builder, ValueText.parse(f, v, ValueText.TimeFormat.ISO_8601));
                }
            } else if (loc == MarshallLocation.QUERY_PARAM) {
                if (f.marshallingType() == MarshallingType.MAP) {
                    queryMap = f;
                    continue;
                }
                boundQuery.add(f.locationName());
                List<String> values = query.get(f.locationName());
                if (values == null) {
                    continue;
                }
                if (f.marshallingType() == MarshallingType.LIST) {
                    SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
                    List<Object> list = new ArrayList<>();
                    values.forEach(v -> list.add(ValueText.parse(member, v, ValueText.TimeFormat.ISO_8601)));
                    f.set(builder, list);
                } else {
                    f.set(builder, ValueText.parse(f, values.getFirst(), ValueText.TimeFormat.ISO_8601));
                }
            } else if (loc == MarshallLocation.HEADER) {
                readHeader(request.headers(), f, builder);
            }
        }
        if (queryMap != null) {
            SdkField<?> valueField = queryMap.getTrait(MapTrait.class).valueFieldInfo();
            boolean multi = valueField.marshallingType() == MarshallingType.LIST;
            Map<String, Object> rest = new LinkedHashMap<>();
            query.forEach((k, v) -> {
                if (!boundQuery.contains(k)) {
                    rest.put(k, multi ? List.copyOf(v) : v.getFirst());
                }
            });
            if (!rest.isEmpty()) {
                queryMap.set(builder, rest);
            }
        }
    }

    private static void readHeader(Headers headers, SdkField<?> f, SdkPojo builder) {
        if (f.marshallingType() == MarshallingType.MAP) {
            String prefix = f.locationName().toLowerCase(Locale.ROOT);
            Map<String, String> map = new LinkedHashMap<>();
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith(prefix)) {
                    map.put(lower.substring(prefix.length()), value);
                }
            });
            if (!map.isEmpty()) {
                f.set(builder, map);
            }
            return;
        }
        String value = headers.first(f.locationName());
        if (value == null) {
            return;
        }
        if (f.locationName().equalsIgnoreCase("Content-Length") && headers.has("x-amz-decoded-content-length")) {
            // An aws-chunked body: the member is the length of the content, not of its encoding.
            value = headers.first("x-amz-decoded-content-length");
        }
        if (f.marshallingType() == MarshallingType.LIST) {
            // A list may come as one comma-joined header or as the header repeated (the SDKs do the latter).
            SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (String line : headers.all(f.locationName())) {
                for (String part : line.split(",")) {
                    list.add(ValueText.parse(member, part.trim(), ValueText.TimeFormat.RFC_822));
                }
            }
            f.set(builder, list);
        } else if (f.containsTrait(JsonValueTrait.class)) {
            f.set(builder, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
        } else {
            f.set(builder, ValueText.parse(f, value, ValueText.TimeFormat.RFC_822));
        }
    }

    /** Operations of the service that have SDK classes, so that a provider can implement them. */
    static Predicate<String> servable(ServiceBinding service) {
        return name -> service.operation(name).map(op -> op.requestClass() != null || op.onDocuments()).orElse(false);
    }

    /**
     * True when the model's input has a streaming payload (S3's PutObject body, CloudSearch domain's
     * documents): the SDK classes have no member for it, and it is not parsed as a document.
     */
    static boolean hasStreamingInput(OperationBinding operation) {
        ServiceModel model = operation.service().model();
        String shapeName = operation.model().inputShape();
        JsonNode shape = shapeName == null ? null : model.shapes().get(shapeName);
        if (shape == null || !shape.has("payload")) {
            return false;
        }
        JsonNode member = shape.path("members").path(shape.get("payload").asText());
        JsonNode target = model.shapes().get(member.path("shape").asText());
        return member.path("streaming").asBoolean(false) || (target != null && target.path("streaming").asBoolean(false));
    }

    /** The member that is the whole body, if the shape has one. */
    static SdkField<?> payloadMember(List<SdkField<?>> fields) {
        for (SdkField<?> f : fields) {
            if (f.containsTrait(PayloadTrait.class)) {
                return f;
            }
        }
        return null;
    }

    /** Reads a raw (blob or string) payload member. */
    static Object rawPayload(SdkField<?> f, byte[] body) {
        if (f.marshallingType() == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(body);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    static boolean isRaw(SdkField<?> f) {
        return f.marshallingType() == MarshallingType.SDK_BYTES || f.marshallingType() == MarshallingType.STRING;
    }

    /** Status code and header members of an output. Returns the status to answer with. */
    @SuppressWarnings("unchecked")
    static int writeNonPayload(SdkPojo response, Headers headers, int defaultStatus) {
        int status = defaultStatus;
        for (SdkField<?> f : response.sdkFields()) {
            Object value = f.getValueOrDefault(response);
            if (JsonStructWriter.isAbsent(value)) {
                continue;
            }
            if (f.location() == MarshallLocation.STATUS_CODE) {
                status = (Integer) value;
            } else if (f.location() == MarshallLocation.HEADER) {
                if (value instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).forEach((k, v) -> headers.set(f.locationName() + k, String.valueOf(v)));
                } else if (value instanceof List<?> list) {
                    SdkField<?> member = f.getTrait(ListTrait.class).memberFieldInfo();
                    List<String> parts = new ArrayList<>();
                    list.forEach(v -> parts.add(ValueText.format(member, v, ValueText.TimeFormat.RFC_822)));
                    headers.set(f.locationName(), String.join(",", parts));
                } else if (f.containsTrait(JsonValueTrait.class)) {
                    headers.set(f.locationName(),
                            Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
                } else {
                    headers.set(f.locationName(), ValueText.format(f, value, ValueText.TimeFormat.RFC_822));
                }
            }
        }
        return status;
    }

    /** True when one of the output's header members is set and bound to header {@code name}. */
    static boolean setsHeader(SdkPojo response, String name) {
        for (SdkField<?> f : response.sdkFields()) {
            if (f.location() == MarshallLocation.HEADER && f.locationName().equalsIgnoreCase(name)
                    && !JsonStructWriter.isAbsent(f.getValueOrDefault(response))) {
                return true;
            }
        }
        return false;
    }

    static byte[] rawBytes(Object value) {
        if (value instanceof SdkBytes b) {
            return b.asByteArrayUnsafe();
        }
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
