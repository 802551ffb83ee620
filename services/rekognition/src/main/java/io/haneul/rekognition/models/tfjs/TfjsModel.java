package io.haneul.rekognition.models.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A TF.js graph model as published (model.json with its topology plus binary weight shards): the
 * nodes of the graph and every weight dequantised to 32-bit floats or ints. TF.js stores weights
 * quantised (float16, or uint8/uint16 with min and scale) to keep downloads small.
 */
public final class TfjsModel {

    /** One graph node as TF.js wrote it; {@code inputs} exclude control dependencies. */
    public record Node(String name, String op, List<String> inputs, JsonNode attr) {

        String string(String key) {
            JsonNode value = attr.path(key).path("s");
            return value.isMissingNode() ? null : new String(Base64.getDecoder().decode(value.asText()));
        }

        List<String> strings(String key) {
            List<String> values = new ArrayList<>();
            attr.path(key).path("list").path("s").forEach(v -> values.add(new String(Base64.getDecoder().decode(v.asText()))));
            return values;
        }

        long[] ints(String key) {
            JsonNode list = attr.path(key).path("list").path("i");
            long[] values = new long[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Long.parseLong(list.get(i).asText());
            }
            return values;
        }

        long integer(String key, long fallback) {
            JsonNode value = attr.path(key).path("i");
            return value.isMissingNode() ? fallback : Long.parseLong(value.asText());
        }

        boolean bool(String key) {
            return attr.path(key).path("b").asBoolean(false);
        }
    }

    /** A dequantised weight: exactly one of {@code floats} and {@code ints} is set. */
    public record Weight(String name, long[] shape, float[] floats, int[] ints) {

        int size() {
            return floats != null ? floats.length : ints.length;
        }
    }

    private final List<Node> nodes;
    private final Map<String, Weight> weights;

    private TfjsModel(List<Node> nodes, Map<String, Weight> weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Weight weight(String name) {
        return weights.get(name);
    }

    /** Parses model.json; {@code shards} reads a weight file named by its manifest path. */
    public static TfjsModel parse(byte[] modelJson, Function<String, byte[]> shards) {
        try {
            JsonNode root = new ObjectMapper().readTree(modelJson);
            List<Node> nodes = new ArrayList<>();
            for (JsonNode node : root.path("modelTopology").path("node")) {
                List<String> inputs = new ArrayList<>();
                node.path("input").forEach(i -> {
                    if (!i.asText().startsWith("^")) {
                        inputs.add(i.asText());
                    }
                });
                nodes.add(new Node(node.path("name").asText(), node.path("op").asText(), inputs, node.path("attr")));
            }
            Map<String, Weight> weights = new HashMap<>();
            for (JsonNode group : root.path("weightsManifest")) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                group.path("paths").forEach(p -> all.writeBytes(shards.apply(p.asText())));
                ByteBuffer data = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                for (JsonNode spec : group.path("weights")) {
                    Weight weight = read(spec, data);
                    weights.put(weight.name(), weight);
                }
            }
            return new TfjsModel(nodes, weights);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Weight read(JsonNode spec, ByteBuffer data) {
        String name = spec.path("name").asText();
        JsonNode shapeNode = spec.path("shape");
        long[] shape = new long[shapeNode.size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= (int) shape[i];
        }
        String dtype = spec.path("dtype").asText();
        JsonNode quantization = spec.path("quantization");
        String stored = quantization.isMissingNode() ? dtype : quantization.path("dtype").asText();
        float[] floats = dtype.equals("float32") ? new float[count] : null;
        int[] ints = floats == null ? new int[count] : null;
        float scale = (float) quantization.path("scale").asDouble(1);
        float min = (float) quantization.path("min").asDouble(0);
        for (int i = 0; i < count; i++) {
            double value = switch (stored) {
                case "float32" -> data.getFloat();
                case "int32" -> data.getInt();
                case "float16" -> Float.float16ToFloat(data.getShort());
                case "uint8" -> min + scale * Byte.toUnsignedInt(data.get());
                case "uint16" -> min + scale * Short.toUnsignedInt(data.getShort());
                case "bool" -> data.get();
                default -> throw new IllegalArgumentException("weight " + name + " has unsupported dtype " + stored);
            };
            if (floats != null) {
                floats[i] = (float) value;
            } else {
                ints[i] = (int) Math.round(value);
            }
        }
        return new Weight(name, shape, floats, ints);
    }
}
