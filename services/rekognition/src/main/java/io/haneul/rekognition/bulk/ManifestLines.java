package io.haneul.rekognition.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.rekognition.customlabels.GroundTruthLines;

import java.io.Reader;

/**
 * Reads a bulk analysis input manifest: JSON Lines, each an object whose {@code source-ref} names an
 * image as {@code s3://bucket/key}. Lines are read one at a time (a manifest of any length never sits
 * in memory) and at most {@value #MAX_LINE_CHARS} characters of a line are kept: a longer line is
 * invalid, and the rest of it is skipped. Blank lines are not entries. A manifest of more than
 * {@value #MAX_ENTRIES} entries or {@value #MAX_BYTES} bytes is refused (Haneul's bounds, so that a job's
 * summary stays small; AWS documents none).
 */
public final class ManifestLines {

    public static final int MAX_LINE_CHARS = 64 * 1024;
    public static final int MAX_ENTRIES = 250_000;
    public static final long MAX_BYTES = 1024L * 1024 * 1024;
    public static final String INVALID_LINE = "InvalidManifestException";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the manifest: an image to analyse, or why the line cannot be used. */
    public sealed interface Entry {
        int lineNumber();
    }

    /** A line naming an image. */
    public record Image(int lineNumber, String sourceRef, String bucket, String key) implements Entry {
    }

    /** A line that names no image ({@code sourceRef} null when none could be read). */
    public record Invalid(int lineNumber, String sourceRef, String message) implements Entry {
    }

    /** A manifest over {@link #MAX_ENTRIES} entries or {@link #MAX_BYTES} bytes. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message);
        }
    }

    /** Receives the manifest's entries in order. */
    @FunctionalInterface
    public interface Visitor {
        void entry(Entry entry) throws Exception;
    }

    private ManifestLines() {
    }

    /**
     * Reads every entry of the manifest; answers how many lines (blank ones left out) it had.
     *
     * @throws TooLarge at entry {@value #MAX_ENTRIES} + 1, before the visitor sees it
     */
    public static int read(Reader in, Visitor visitor) throws Exception {
        StringBuilder line = new StringBuilder();
        int number = 0;
        int entries = 0;
        boolean tooLong = false;
        for (int ch = in.read(); ; ch = in.read()) {
            if (ch == '\n' || ch == -1) {
                number++;
                if (entries == MAX_ENTRIES && (tooLong || !line.toString().isBlank())) {
                    throw new TooLarge("The manifest has more than " + MAX_ENTRIES + " JSON lines.");
                }
                if (tooLong) {
                    visitor.entry(new Invalid(number, null, "The JSON line is longer than " + MAX_LINE_CHARS + " characters"));
                    entries++;
                } else if (!line.toString().isBlank()) {
                    visitor.entry(parse(number, line.toString()));
                    entries++;
                }
                line.setLength(0);
                tooLong = false;
                if (ch == -1) {
                    return entries;
                }
            } else if (line.length() < MAX_LINE_CHARS) {
                line.append((char) ch);
            } else {
                tooLong = true;
            }
        }
    }

    /** One line as an entry. */
    public static Entry parse(int number, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new Invalid(number, null, "The line is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new Invalid(number, null, "The line is not a JSON object");
        }
        JsonNode ref = node.get("source-ref");
        if (ref == null || !ref.isTextual()) {
            return new Invalid(number, null, "The line has no source-ref");
        }
        String text = ref.asText();
        if (!GroundTruthLines.isSourceRef(text)) {
            return new Invalid(number, text.length() <= GroundTruthLines.MAX_SOURCE_REF_BYTES ? text : null,
                    "The source-ref is not an S3 URI of the form s3://bucket/key of at most " + GroundTruthLines.MAX_SOURCE_REF_BYTES + " bytes");
        }
        int slash = text.indexOf('/', "s3://".length());
        return new Image(number, text, text.substring(5, slash), text.substring(slash + 1));
    }
}
