package io.haneul.sagemaker.algorithms.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model file of AWS's own algorithms: AWS's containers write {@code model_algo-1} (MXNet parameters);
 * Haneul writes its own JSON under the same name, with the algorithm's name and format version inside,
 * so that hosting finds the file where AWS's layout has it and can tell what it holds.
 */
public final class ModelFiles {

    public static final String FILE = "model_algo-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    public static ObjectNode create(String algorithm) {
        return JSON.createObjectNode().put("algorithm", algorithm).put("format", "haneul-json-1");
    }

    public static void write(Path modelDir, ObjectNode model) throws AlgorithmException {
        try {
            JSON.writeValue(modelDir.resolve(FILE).toFile(), model);
        } catch (IOException e) {
            throw AlgorithmException.internal("Writing the model failed: " + e.getMessage());
        }
    }

    public static JsonNode read(Path modelDir, String algorithm) throws AlgorithmException {
        Path file = modelDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw AlgorithmException.client("Model file " + FILE + " not found in the model artifact");
        }
        JsonNode model;
        try {
            model = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw AlgorithmException.client("Unable to load the model: " + FILE + " is not a model Haneul wrote");
        }
        if (model == null || !algorithm.equals(model.path("algorithm").asText())) {
            throw AlgorithmException.client("The model artifact holds a " + (model == null ? "?" : model.path("algorithm").asText())
                    + " model, not " + algorithm);
        }
        return model;
    }

    public static ArrayNode array(double[] values) {
        ArrayNode out = JSON.createArrayNode();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
