package io.haneul.rekognition.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The manifest summary a bulk analysis job writes beside its results, in AWS's layout: schema
 * {@code version} 1.0, {@code statistics} (total, valid and invalid JSON lines) and one {@code errors}
 * record per line that was not analysed, with its line number, source-ref (when it could be read),
 * code and message.
 *
 * <p>A manifest may have hundreds of thousands of bad lines, so no record is kept in memory: each is
 * written to {@code errorsFile} as it comes, and {@link #content()} streams the header, the statistics
 * and that file as one document.
 */
public final class ManifestSummary implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final Path errorsFile;
    private final JsonGenerator errors;
    private int valid;
    private int invalid;

    /** A summary whose error records go to {@code errorsFile} (created or emptied; the caller deletes it). */
    public ManifestSummary(Path errorsFile) throws IOException {
        this.errorsFile = errorsFile;
        this.errors = JSON.createGenerator(Files.newOutputStream(errorsFile));
        errors.setRootValueSeparator(new SerializedString(","));
    }

    /** A line whose image was analysed. */
    public void analysed() {
        valid++;
    }

    /** A line that was not analysed, and why. */
    public void failed(int lineNumber, String sourceRef, String code, String message) throws IOException {
        errors.writeStartObject();
        errors.writeNumberField("line-number", lineNumber);
        if (sourceRef != null) {
            errors.writeStringField("source-ref", sourceRef);
        }
        errors.writeStringField("code", code);
        errors.writeStringField("message", message);
        errors.writeEndObject();
        invalid++;
    }

    public int valid() {
        return valid;
    }

    public int invalid() {
        return invalid;
    }

    /** The whole summary as one JSON document, read from the errors file; no further record may be added. */
    public InputStream content() throws IOException {
        errors.close();
        String head = "{\"version\":\"1.0\",\"statistics\":{\"total-json-lines\":" + (valid + invalid) + ",\"valid-json-lines\":" + valid
                + ",\"invalid-json-lines\":" + invalid + "},\"errors\":[";
        List<InputStream> parts = List.of(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), Files.newInputStream(errorsFile),
                new ByteArrayInputStream("]}".getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Override
    public void close() throws IOException {
        errors.close();
    }
}
