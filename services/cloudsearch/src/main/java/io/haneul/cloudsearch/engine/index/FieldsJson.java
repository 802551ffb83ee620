package io.haneul.cloudsearch.engine.index;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's fields as JSON, the form they take in the database and in the index's stored source:
 * written by Haneul as an object of string arrays, or kept as the client sent them in a JSON batch
 * (single values not in arrays, numbers unquoted). Reading accepts both, numbers as they were written.
 */
public final class FieldsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(new TypeReference<LinkedHashMap<String, List<String>>>() {
    }).with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private FieldsJson() {
    }

    public static Map<String, List<String>> read(String json) {
        try {
            return READER.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields as a JSON object of string arrays, written with Jackson's generator (the map serializer costs twice as much per document). */
    public static String write(Map<String, List<String>> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, List<String>> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                g.writeStartArray();
                for (String v : f.getValue()) {
                    g.writeString(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
