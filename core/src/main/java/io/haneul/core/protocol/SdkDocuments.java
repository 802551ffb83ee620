package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import software.amazon.awssdk.core.SdkPojo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Stores SDK model objects as JSON and reads them back, with the same field metadata the codecs use:
 * for configuration documents a service keeps whole and hands back as sent (an S3 bucket's lifecycle
 * rules, say), so no per-shape mapping code is needed. The JSON uses wire names, so stored documents
 * stay readable across SDK upgrades that only add members.
 */
public final class SdkDocuments {

    private final JsonFactory factory = new JsonFactory();
    private final PojoShapes shapes = new PojoShapes();
    private final JsonStructReader reader = new JsonStructReader(shapes);
    private final JsonStructWriter writer = new JsonStructWriter(false);

    public String write(SdkPojo document) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            writer.write(g, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public <T extends SdkPojo> T read(String json, Class<T> type) {
        SdkPojo builder = shapes.newBuilder(type);
        try (JsonParser p = factory.createParser(json)) {
            p.nextToken();
            reader.readInto(p, builder);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
        return type.cast(PojoShapes.build(builder));
    }
}
