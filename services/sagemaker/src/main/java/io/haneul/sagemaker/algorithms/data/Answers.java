package io.haneul.sagemaker.algorithms.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor.Prediction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes predictions the way the built-in algorithms' containers answer: {@code text/csv} one record
 * per line, {@code application/json} as {@code {"predictions":[{...}, ...]}} and
 * {@code application/jsonlines} one JSON record per line, {@code application/x-recordio-protobuf} one
 * Record per record with its members as Float32 tensors in the {@code label} map. Each record is a JSON object (e.g.
 * {@code {"score":0.93}} or {@code {"closest_cluster":2,"distance_to_cluster":0.4}}).
 */
public final class Answers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** What an Accept header asks for, "*&#47;*" or empty meaning {@code fallback}. */
    public static String accepted(String accept, String fallback, List<String> supported) throws AlgorithmException {
        if (accept == null || accept.isBlank() || accept.contains("*/*")) {
            return fallback;
        }
        for (String option : accept.split(",")) {
            String base = option.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (supported.contains(base)) {
                return base;
            }
        }
        throw AlgorithmException.client("Accept type " + accept + " is not supported. Supported accept types: " + String.join(", ", supported));
    }

    /**
     * @param records one JSON object per input row
     * @param csv     each record's CSV line (used for text/csv)
     */
    public static Prediction write(String type, List<ObjectNode> records, List<String> csv) {
        StringBuilder out = new StringBuilder();
        switch (type) {
            case "text/csv" -> csv.forEach(line -> out.append(line).append('\n'));
            case "application/jsonlines", "application/x-jsonlines" -> records.forEach(r -> out.append(r.toString()).append('\n'));
            case RecordIoProtobuf.CONTENT_TYPE -> {
                return new Prediction(RecordIoProtobuf.write(records), type);
            }
            default -> {
                ObjectNode root = JSON.createObjectNode();
                ArrayNode predictions = root.putArray("predictions");
                records.forEach(predictions::add);
                out.append(root);
            }
        }
        return new Prediction(out.toString().getBytes(StandardCharsets.UTF_8), type);
    }

    public static ObjectNode record() {
        return JSON.createObjectNode();
    }

    /** A float32 prediction as numpy prints it (shortest text that reads back the same float). */
    public static String number(float value) {
        if (value == Math.rint(value) && !Float.isInfinite(value) && Math.abs(value) < 1e7) {
            return Long.toString((long) value) + ".0";
        }
        return Float.toString(value);
    }

    /** A float as Python's repr would print a float32 prediction (no trailing noise for whole numbers). */
    public static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value) + ".0";
        }
        return Double.toString(value);
    }
}
