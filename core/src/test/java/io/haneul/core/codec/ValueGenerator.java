package io.haneul.core.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.protocol.PojoShapes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills SDK model objects with random but deterministic values, walking the object's
 * {@link SdkField}s beside the API model's shape (which tells enums and unions apart: the SDK
 * fields alone do not). Values are shaped so that what the wire can carry is all that is asked of
 * it, and each such choice is one of the documented wire-lossy cases:
 * <ul>
 *   <li>timestamps have millisecond precision; those carried in HTTP-date form (headers) whole seconds;</li>
 *   <li>header-map keys are lower case (HTTP header names are case-insensitive);</li>
 *   <li>members of lists bound to a header contain no comma (the list is comma-joined);</li>
 *   <li>path labels are non-empty (the SDK refuses empty labels) and hold no white space (the S3
 *       client refuses it in bucket names); greedy labels (object keys) do hold spaces;</li>
 *   <li>host-label members are host-label-safe (the SDK checks them even with host prefixes off);</li>
 *   <li>lists and maps are non-empty (several protocols cannot tell an empty one from an absent one);</li>
 *   <li>the HTTP status member of an output is the operation's success code;</li>
 *   <li>unions get exactly one member set.</li>
 * </ul>
 * Strings otherwise carry characters that each location must escape.
 */
final class ValueGenerator {

    /** Nested structures deeper than this are left unset, unless required, which keeps recursive shapes finite. */
    private static final int MAX_DEPTH = 5;
    /** Past this not even required structures are filled. */
    private static final int HARD_DEPTH = 12;
    private static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");

    private final Map<String, JsonNode> shapes;
    private final Random rnd;
    private final int successCode;
    private final GenerationRules rules;
    private int counter;

    ValueGenerator(Map<String, JsonNode> shapes, long seed, int successCode, GenerationRules rules) {
        this.shapes = shapes;
        this.rnd = new Random(seed);
        this.successCode = successCode;
        this.rules = rules;
    }

    /** A built object of {@code pojoClass} with every member set, read against model shape {@code shapeName}. */
    Object object(Class<?> pojoClass, String shapeName) {
        SdkPojo builder = new PojoShapes().newBuilder(pojoClass);
        fill(builder, shapeName == null ? null : shapes.get(shapeName), 0);
        return PojoShapes.build(builder);
    }

    private void fill(SdkPojo builder, JsonNode shape, int depth) {
        List<SdkField<?>> fields = builder.sdkFields();
        boolean union = shape != null && shape.path("union").asBoolean(false);
        int only = union && !fields.isEmpty() ? rnd.nextInt(fields.size()) : -1;
        Map<SdkField<?>, Object> set = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            SdkField<?> field = fields.get(i);
            if ((union && i != only) || (depth > MAX_DEPTH && !field.containsTrait(RequiredTrait.class))
                    || rules.action(builder.getClass(), field) == GenerationRules.Action.LEAVE_UNSET) {
                continue;
            }
            JsonNode member = shape == null ? null : shape.path("members").path(field.memberName());
            Object value;
            List<String> choices = rules.choices(builder.getClass(), field);
            if (choices != null) {
                value = choices.get(rnd.nextInt(choices.size()));
            } else if (member != null && member.path("hostLabel").asBoolean(false)) {
                value = "route" + next();
            } else {
                value = value(field, memberShape(member), field.location(), depth);
            }
            if (value != null) {
                field.set(builder, value);
                set.put(field, value);
            }
        }
        rules.finish(builder, set);
    }

    private JsonNode memberShape(JsonNode member) {
        if (member == null) {
            return null;
        }
        JsonNode ref = member.path("shape");
        return ref.isMissingNode() ? null : shapes.get(ref.asText());
    }

    private JsonNode targetShape(JsonNode shape, String part) {
        if (shape == null) {
            return null;
        }
        JsonNode ref = shape.path(part).path("shape");
        return ref.isMissingNode() ? null : shapes.get(ref.asText());
    }

    private Object value(SdkField<?> field, JsonNode shape, MarshallLocation location, int depth) {
        MarshallingType<?> type = field.marshallingType();
        if (location == MarshallLocation.STATUS_CODE) {
            return successCode;
        }
        if (type == MarshallingType.STRING) {
            if (shape != null && shape.has("enum") && shape.get("enum").size() > 0) {
                JsonNode values = shape.get("enum");
                return values.get(rnd.nextInt(values.size())).asText();
            }
            if (field.containsTrait(JsonValueTrait.class)) {
                return "{\"key" + next() + "\":[\"v\",1,true]}";
            }
            return string(location, field);
        } else if (type == MarshallingType.INTEGER) {
            return 1 + rnd.nextInt(100_000);
        } else if (type == MarshallingType.LONG) {
            return 5_000_000_000L + rnd.nextInt(1_000_000);
        } else if (type == MarshallingType.SHORT) {
            return (short) (1 + rnd.nextInt(1000));
        } else if (type == MarshallingType.BYTE) {
            return (byte) (1 + rnd.nextInt(100));
        } else if (type == MarshallingType.FLOAT) {
            return rnd.nextInt(100_000) / 4.0f;
        } else if (type == MarshallingType.DOUBLE) {
            return rnd.nextInt(10_000_000) / 8.0;
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(rnd.nextInt(100_000) + ".125");
        } else if (type == MarshallingType.BOOLEAN) {
            return rnd.nextBoolean();
        } else if (type == MarshallingType.INSTANT) {
            Instant t = BASE.plusSeconds(rnd.nextInt(100_000_000));
            return httpDate(field, location) ? t : t.plusMillis(1 + rnd.nextInt(999));
        } else if (type == MarshallingType.SDK_BYTES) {
            byte[] b = new byte[5 + rnd.nextInt(12)];
            rnd.nextBytes(b);
            if (field.containsTrait(PayloadTrait.class)) {
                b[0] = 'B';
            }
            return SdkBytes.fromByteArray(b);
        } else if (type == MarshallingType.SDK_POJO) {
            if (depth >= HARD_DEPTH || (depth >= MAX_DEPTH && !field.containsTrait(RequiredTrait.class))) {
                return null;
            }
            SdkPojo nested = field.constructor().get();
            fill(nested, shape, depth + 1);
            return PojoShapes.build(nested);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            JsonNode memberShape = targetShape(shape, "member");
            int n = depth < 2 ? 2 : 1;
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Object v = value(member, memberShape, location, depth + 1);
                if (v == null) {
                    return null;
                }
                list.add(v);
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            JsonNode keyShape = targetShape(shape, "key");
            JsonNode valueShape = targetShape(shape, "value");
            List<String> keys = new ArrayList<>();
            int n = depth < 2 ? 2 : 1;
            if (keyShape != null && keyShape.has("enum")) {
                for (int i = 0; i < keyShape.get("enum").size() && keys.size() < n; i++) {
                    keys.add(keyShape.get("enum").get(i).asText());
                }
            } else {
                for (int i = 0; i < n; i++) {
                    keys.add(location == MarshallLocation.HEADER ? "meta" + next() : "Key" + next());
                }
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (String k : keys) {
                Object v = value(valueField, valueShape, location, depth + 1);
                if (v == null) {
                    return null;
                }
                map.put(k, v);
            }
            return map;
        } else if (type == MarshallingType.DOCUMENT) {
            Map<String, Document> doc = new LinkedHashMap<>();
            doc.put("name", Document.fromString("doc" + next()));
            doc.put("count", Document.fromNumber(SdkNumber.fromBigDecimal(new BigDecimal(rnd.nextInt(1000)))));
            doc.put("flags", Document.fromList(List.of(Document.fromBoolean(true), Document.fromNull())));
            return Document.fromMap(doc);
        }
        return null;
    }

    private static boolean httpDate(SdkField<?> field, MarshallLocation location) {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        if (trait != null) {
            return trait.format() == TimestampFormatTrait.Format.RFC_822;
        }
        return location == MarshallLocation.HEADER;
    }

    private String string(MarshallLocation location, SdkField<?> field) {
        int n = next();
        return switch (location) {
            case PATH -> "p" + n + "-a+b%c=d&e";
            case GREEDY_PATH -> "g" + n + "/a b+c/d%e";
            case QUERY_PARAM -> "q" + n + " a+b&c=d/e%f;g";
            case HEADER -> "h" + n + " a+b/c=d;e";
            default -> field.containsTrait(PayloadTrait.class)
                    ? "raw" + n + " payload <a&b> \"c'd\" \u00e9\u4e2d"
                    : "v" + n + " <a&b> \"c'd\" \u00e9\u4e2d\n;=+%/";
        };
    }

    private int next() {
        return ++counter;
    }
}
