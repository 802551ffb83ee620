package io.haneul.sagemaker.algorithms.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Request bodies of AWS's own algorithms' endpoints: text/csv rows of features, application/json
 * {@code {"instances":[{"features":[...]}, ...]}} (or {@code {"features":[...]}} for one row) and
 * application/jsonlines, one {@code {"features":[...]}} per line, and application/x-recordio-protobuf.
 */
public final class InferenceInput {

    private InferenceInput() {
    }

    public static Dataset parse(byte[] body, String contentType, int width) throws AlgorithmException {
        String type = contentType == null ? "text/csv" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        Dataset data = switch (type) {
            case "text/csv", "text/libsvm", "text/x-libsvm" -> TextTables.parse(body, DataFormat.of(type, DataFormat.CSV));
            case "application/json" -> json(body);
            case RecordIoProtobuf.CONTENT_TYPE -> RecordIoProtobuf.parse(body);
            case "application/jsonlines", "application/x-jsonlines" -> jsonLines(body);
            default -> throw AlgorithmException.client("Content type " + contentType
                    + " is not supported. Supported content types: text/csv, application/json, application/jsonlines, "
                    + RecordIoProtobuf.CONTENT_TYPE);
        };
        if (data.columns() != width) {
            throw AlgorithmException.client("Customer Error: Invalid input: expected " + width + " features per record, got " + data.columns());
        }
        return data;
    }

    private static Dataset json(byte[] body) throws AlgorithmException {
        JsonNode root = read(new String(body, StandardCharsets.UTF_8));
        List<JsonNode> rows = new ArrayList<>();
        if (root.has("instances") && root.get("instances").isArray()) {
            root.get("instances").forEach(rows::add);
        } else {
            rows.add(root);
        }
        return rows(rows);
    }

    private static Dataset jsonLines(byte[] body) throws AlgorithmException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                rows.add(read(line));
            }
        }
        return rows(rows);
    }

    private static JsonNode read(String text) throws AlgorithmException {
        try {
            JsonNode node = ModelFiles.json().readTree(text);
            if (node == null || !node.isObject()) {
                throw AlgorithmException.client("Unable to parse the request body: expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AlgorithmException.client("Unable to parse the request body as JSON: " + e.getMessage());
        }
    }

    private static Dataset rows(List<JsonNode> rows) throws AlgorithmException {
        if (rows.isEmpty()) {
            throw AlgorithmException.client("The request holds no instances");
        }
        int width = -1;
        float[] values = null;
        for (int r = 0; r < rows.size(); r++) {
            JsonNode features = rows.get(r).path("features");
            if (!features.isArray()) {
                throw AlgorithmException.client("Each instance needs a \"features\" array of numbers");
            }
            if (width < 0) {
                width = features.size();
                values = new float[rows.size() * width];
            } else if (features.size() != width) {
                throw AlgorithmException.client("Instances have different numbers of features (" + width + " and " + features.size() + ")");
            }
            for (int i = 0; i < width; i++) {
                if (!features.get(i).isNumber()) {
                    throw AlgorithmException.client("Feature " + i + " of instance " + r + " is not a number");
                }
                values[r * width + i] = (float) features.get(i).asDouble();
            }
        }
        return new Dataset(rows.size(), width, values, null);
    }
}
