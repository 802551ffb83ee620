package io.haneul.sagemaker.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Triton's JSON inference protocol (KServe v2): a request's inputs (name, shape, datatype and the data, flat in row-major
 * order or nested), the outputs it asks for and its id; and the answer with each output's name, datatype, shape and flat data.
 */
final class InferenceJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceJson() {
    }

    /** The most elements one input may hold (a tensor's buffer is indexed by int). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    /** One input tensor of a request; {@code data} flat, row-major. */
    record Input(String name, long[] shape, String datatype, List<JsonNode> data) {
    }

    /** A request: its inputs, the names of the outputs it asks for (empty: all), its id (or null). */
    record Request(List<Input> inputs, List<String> outputs, String id) {
    }

    static Request read(byte[] body) throws AlgorithmException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw AlgorithmException.client("failed to parse the request JSON buffer: " + e.getMessage());
        }
        if (root == null || !root.path("inputs").isArray()) {
            throw AlgorithmException.client("Unable to find 'inputs' in the request: send {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}");
        }
        List<Input> inputs = new ArrayList<>();
        for (JsonNode in : root.get("inputs")) {
            String name = text(in, "name", "input");
            String datatype = text(in, "datatype", "input '" + name + "'");
            if (!in.path("shape").isArray()) {
                throw AlgorithmException.client("Unable to find 'shape' of input '" + name + "'");
            }
            long[] shape = new long[in.get("shape").size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = in.get("shape").get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw AlgorithmException.client("shape of input '" + name + "' must hold non-negative integers");
                }
                try {
                    count = Math.multiplyExact(count, shape[i]);
                } catch (ArithmeticException e) {
                    count = Long.MAX_VALUE;
                }
                if (count > MAX_ELEMENTS) {
                    throw AlgorithmException.client("shape of input '" + name + "' " + java.util.Arrays.toString(shape)
                            + " holds more than " + MAX_ELEMENTS + " elements");
                }
            }
            List<JsonNode> data = new ArrayList<>();
            flatten(in.path("data"), data);
            if (data.size() != count) {
                throw AlgorithmException.client("unexpected number of elements for input '" + name + "': shape " + java.util.Arrays.toString(shape)
                        + " holds " + count + " but " + data.size() + " were given");
            }
            inputs.add(new Input(name, shape, datatype, data));
        }
        List<String> outputs = new ArrayList<>();
        for (JsonNode out : root.path("outputs")) {
            outputs.add(text(out, "name", "output"));
        }
        return new Request(inputs, outputs, root.hasNonNull("id") ? root.get("id").asText() : null);
    }

    /** CSV rows of numbers as the model's only input, shape [rows, columns] in the input's own datatype. */
    static Request csv(byte[] body, Map.Entry<String, TensorInfo> input) throws AlgorithmException {
        List<JsonNode> data = new ArrayList<>();
        int rows = 0;
        int columns = -1;
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns >= 0 && cells.length != columns) {
                throw AlgorithmException.client("CSV row " + (rows + 1) + " has " + cells.length + " values, the rows before " + columns);
            }
            columns = cells.length;
            for (String cell : cells) {
                try {
                    data.add(DoubleNode.valueOf(Double.parseDouble(cell.trim())));
                } catch (NumberFormatException e) {
                    throw AlgorithmException.client("CSV row " + (rows + 1) + " holds a value that is not a number: " + cell.trim());
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw AlgorithmException.client("The CSV request holds no rows.");
        }
        String datatype = Tensors.datatype(input.getValue());
        return new Request(List.of(new Input(input.getKey(), new long[]{rows, columns}, datatype, data)), List.of(), null);
    }

    static byte[] answer(String id, String modelName, String version, Map<String, OnnxTensor> outputs) throws AlgorithmException {
        ObjectNode root = JSON.createObjectNode();
        if (id != null) {
            root.put("id", id);
        }
        root.put("model_name", modelName).put("model_version", version);
        ArrayNode list = root.putArray("outputs");
        for (Map.Entry<String, OnnxTensor> out : outputs.entrySet()) {
            ObjectNode o = list.addObject().put("name", out.getKey());
            Tensors.write(out.getValue(), o);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw AlgorithmException.internal(e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String what) throws AlgorithmException {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw AlgorithmException.client("Unable to find '" + field + "' of " + what);
        }
        return v.asText();
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, into));
        } else if (!node.isMissingNode()) {
            into.add(node);
        }
    }
}
