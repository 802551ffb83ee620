package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.haneul.core.error.AwsErrorException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON or CBOR document into an SDK model builder, driven by the builder's {@link SdkField}s.
 * Jackson's CBOR parser is a {@link JsonParser}, so one reader serves awsJson, restJson bodies and
 * smithy-rpc-v2-cbor; the differences (blobs as byte strings, timestamps as numbers) are handled
 * per token type.
 */
public final class JsonStructReader {

    private final PojoShapes shapes;

    public JsonStructReader(PojoShapes shapes) {
        this.shapes = shapes;
    }

    /** Reads the object at the parser's current START_OBJECT into {@code builder}'s payload fields. */
    public void readInto(JsonParser p, SdkPojo builder) throws IOException {
        expect(p, JsonToken.START_OBJECT, "structure");
        Map<String, SdkField<?>> fields = shapes.payloadFields(builder.getClass(), builder.sdkFields());
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            SdkField<?> field = fields.get(name);
            if (field == null) {
                p.skipChildren();
                continue;
            }
            Object value = readValue(p, field);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    Object readValue(JsonParser p, SdkField<?> field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            expect(p, JsonToken.VALUE_STRING, field);
            return p.getText();
        } else if (type == MarshallingType.INTEGER) {
            return number(p, field).intValue();
        } else if (type == MarshallingType.LONG) {
            return number(p, field).longValue();
        } else if (type == MarshallingType.SHORT) {
            return number(p, field).shortValue();
        } else if (type == MarshallingType.BYTE) {
            return number(p, field).byteValue();
        } else if (type == MarshallingType.FLOAT) {
            return floating(p, field).floatValue();
        } else if (type == MarshallingType.DOUBLE) {
            return floating(p, field).doubleValue();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return floating(p, field);
        } else if (type == MarshallingType.BOOLEAN) {
            if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                throw ValueText.invalid(field, p.getText());
            }
            return p.getBooleanValue();
        } else if (type == MarshallingType.INSTANT) {
            try {
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    return ValueText.fromEpochSeconds(p.getDecimalValue());
                }
                expect(p, JsonToken.VALUE_STRING, field);
                return ValueText.parseInstant(p.getText(), ValueText.timeFormat(field, ValueText.TimeFormat.ISO_8601));
            } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
                throw ValueText.invalid(field, p.getText());
            }
        } else if (type == MarshallingType.SDK_BYTES) {
            if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
                return SdkBytes.fromByteArrayUnsafe(p.getBinaryValue());
            }
            expect(p, JsonToken.VALUE_STRING, field);
            try {
                return SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(p.getText()));
            } catch (IllegalArgumentException e) {
                throw ValueText.invalid(field, p.getText());
            }
        } else if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            readInto(p, nested);
            return PojoShapes.build(nested);
        } else if (type == MarshallingType.LIST) {
            expect(p, JsonToken.START_ARRAY, field);
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(readValue(p, member));
            }
            return list;
        } else if (type == MarshallingType.MAP) {
            expect(p, JsonToken.START_OBJECT, field);
            SdkField<?> value = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, readValue(p, value));
            }
            return map;
        } else if (type == MarshallingType.DOCUMENT) {
            return readDocument(p);
        }
        p.skipChildren();
        return null;
    }

    private Document readDocument(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Document> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, readDocument(p));
                }
                return Document.fromMap(map);
            }
            case START_ARRAY -> {
                List<Document> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readDocument(p));
                }
                return Document.fromList(list);
            }
            case VALUE_STRING -> {
                return Document.fromString(p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return Document.fromNumber(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return Document.fromBoolean(p.getBooleanValue());
            }
            default -> {
                return Document.fromNull();
            }
        }
    }

    private static Number number(JsonParser p, SdkField<?> field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw ValueText.invalid(field, p.getText());
        }
        return p.getNumberValue();
    }

    private static BigDecimal floating(JsonParser p, SdkField<?> field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            switch (s) {
                case "NaN", "Infinity", "-Infinity" -> {
                    return null;
                }
                default -> throw ValueText.invalid(field, s);
            }
        }
        throw ValueText.invalid(field, p.getText());
    }

    private static void expect(JsonParser p, JsonToken token, Object what) {
        if (p.currentToken() != token) {
            String name = what instanceof SdkField<?> f ? f.memberName() : String.valueOf(what);
            throw new AwsErrorException("SerializationException",
                    "Unexpected " + p.currentToken() + " for " + name + ", expected " + token, 400);
        }
    }
}
