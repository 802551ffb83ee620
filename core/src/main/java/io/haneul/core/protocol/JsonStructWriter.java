package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Writes an SDK model object as a JSON or CBOR document, driven by its {@link SdkField}s. With a
 * CBOR generator, blobs become byte strings and timestamps epoch-seconds numbers (tag 1), as
 * smithy-rpc-v2-cbor expects; with JSON, blobs are base64 and timestamps epoch seconds.
 */
public final class JsonStructWriter {

    private final boolean binaryNative;
    private final BiPredicate<Class<?>, String> keepEmpty;

    /** A writer that writes every member set, empty lists and maps included (documents, not answers). */
    public JsonStructWriter(boolean binaryNative) {
        this(binaryNative, null);
    }

    /**
     * @param binaryNative true for CBOR: blobs as byte strings, timestamps tagged
     * @param keepEmpty    which members (SDK class, member name) are written, as {@code []}/{@code {}}, even when
     *                     they are empty or unset lists or maps; others are left out, as AWS leaves them out of
     *                     most answers. Null for documents: every member set is written, unset ones are not
     */
    public JsonStructWriter(boolean binaryNative, BiPredicate<Class<?>, String> keepEmpty) {
        this.binaryNative = binaryNative;
        this.keepEmpty = keepEmpty;
    }

    /** Writes the payload fields of {@code pojo} as an object. */
    public void write(JsonGenerator g, SdkPojo pojo) throws IOException {
        g.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (keepEmpty == null ? isAbsent(value) : value == null || isEmpty(value) && !keepEmpty.test(pojo.getClass(), field.memberName())) {
                continue;
            }
            g.writeFieldName(field.locationName());
            writeValue(g, field, value);
        }
        g.writeEndObject();
    }

    static boolean isAbsent(Object value) {
        return value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>;
    }

    /** True for a list or map without elements, set or not. */
    static boolean isEmpty(Object value) {
        return value instanceof java.util.Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    @SuppressWarnings("unchecked")
    void writeValue(JsonGenerator g, SdkField<?> field, Object value) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (value == null) {
            g.writeNull();
        } else if (type == MarshallingType.STRING) {
            g.writeString((String) value);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Short s) {
            g.writeNumber(s);
        } else if (value instanceof Byte b) {
            g.writeNumber(b);
        } else if (value instanceof Float f) {
            writeDouble(g, f.doubleValue());
        } else if (value instanceof Double d) {
            writeDouble(g, d);
        } else if (value instanceof BigDecimal bd) {
            g.writeNumber(bd);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Instant instant) {
            writeInstant(g, field, instant);
        } else if (value instanceof SdkBytes bytes) {
            if (binaryNative) {
                g.writeBinary(bytes.asByteArrayUnsafe());
            } else {
                g.writeString(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
            }
        } else if (type == MarshallingType.SDK_POJO) {
            write(g, (SdkPojo) value);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            g.writeStartArray();
            for (Object item : (List<Object>) value) {
                writeValue(g, member, item);
            }
            g.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, member, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Document doc) {
            writeDocument(g, doc);
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    private void writeInstant(JsonGenerator g, SdkField<?> field, Instant instant) throws IOException {
        ValueText.TimeFormat format = ValueText.timeFormat(field, ValueText.TimeFormat.EPOCH_SECONDS);
        if (binaryNative && g instanceof com.fasterxml.jackson.dataformat.cbor.CBORGenerator cbor) {
            cbor.writeTag(1);
            g.writeNumber(instant.toEpochMilli() / 1000.0);
        } else if (format == ValueText.TimeFormat.EPOCH_SECONDS) {
            g.writeNumber(ValueText.epochSeconds(instant));
        } else {
            g.writeString(ValueText.formatInstant(instant, format));
        }
    }

    private static void writeDouble(JsonGenerator g, double d) throws IOException {
        if (Double.isNaN(d)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeString(d > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumber(d);
        }
    }

    private void writeDocument(JsonGenerator g, Document doc) throws IOException {
        if (doc.isNull()) {
            g.writeNull();
        } else if (doc.isString()) {
            g.writeString(doc.asString());
        } else if (doc.isNumber()) {
            g.writeNumber(doc.asNumber().bigDecimalValue());
        } else if (doc.isBoolean()) {
            g.writeBoolean(doc.asBoolean());
        } else if (doc.isList()) {
            g.writeStartArray();
            for (Document d : doc.asList()) {
                writeDocument(g, d);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, Document> e : doc.asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                writeDocument(g, e.getValue());
            }
            g.writeEndObject();
        }
    }
}
