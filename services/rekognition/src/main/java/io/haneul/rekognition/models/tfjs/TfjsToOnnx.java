package io.haneul.rekognition.models.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a TF.js graph model into an ONNX model (opset 18) so that ONNX Runtime runs it: no
 * TensorFlow runtime is needed. Only the subgraph that produces the requested outputs is converted.
 * Tensors stay NHWC as in TensorFlow; convolutions and pooling are wrapped in transposes to ONNX's
 * NCHW, which ONNX Runtime's optimizer then cancels out between adjacent layers. TF.js's fused ops
 * (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul) are split into the core op, its bias
 * and its activation. An op outside the supported set fails the conversion with its name.
 */
public final class TfjsToOnnx {

    /** Part of cached models' names: bump it when the conversion changes, so stale conversions are not reused. */
    public static final int VERSION = 1;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private final TfjsModel model;
    private final Map<String, TfjsModel.Node> byName = new HashMap<>();
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final Map<String, ProtoWriter> initializers = new LinkedHashMap<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private int counter;

    private TfjsToOnnx(TfjsModel model) {
        this.model = model;
        model.nodes().forEach(n -> byName.put(n.name(), n));
    }

    /** The ONNX model bytes computing {@code outputs} (TF.js node names) from the model's placeholders. */
    public static byte[] convert(TfjsModel model, List<String> outputs) {
        return new TfjsToOnnx(model).build(outputs);
    }

    private byte[] build(List<String> outputs) {
        List<TfjsModel.Node> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String output : outputs) {
            visit(base(output), seen, order);
        }
        for (TfjsModel.Node node : order) {
            emit(node);
        }
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "haneul");
        initializers.values().forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        for (String output : outputs) {
            graph.message(12, valueInfo(base(output), null));
        }
        ProtoWriter model = new ProtoWriter()
                .varint(1, 8)
                .string(2, "haneul-tfjs-to-onnx")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 18));
        return model.toByteArray();
    }

    private void visit(String name, Set<String> seen, List<TfjsModel.Node> order) {
        if (!seen.add(name)) {
            return;
        }
        TfjsModel.Node node = byName.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        if (node.op().equals("Const")) {
            return;
        }
        for (String input : node.inputs()) {
            visit(base(input), seen, order);
        }
        order.add(node);
    }

    private static String base(String tensor) {
        return tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    }

    private void emit(TfjsModel.Node n) {
        String out = n.name();
        switch (n.op()) {
            case "Placeholder" -> inputs.add(valueInfo(out, placeholderShape(n)));
            case "Identity" -> op("Identity", List.of(data(n, 0)), out, null);
            case "Conv2D", "_FusedConv2D" -> conv(n, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(n, true);
            case "MatMul", "_FusedMatMul" -> matMul(n);
            case "Add", "AddV2", "BiasAdd" -> binary("Add", n);
            case "Sub" -> binary("Sub", n);
            case "Mul" -> binary("Mul", n);
            case "RealDiv" -> binary("Div", n);
            case "Minimum" -> binary("Min", n);
            case "Maximum" -> binary("Max", n);
            case "Relu" -> op("Relu", List.of(data(n, 0)), out, null);
            case "Sigmoid" -> op("Sigmoid", List.of(data(n, 0)), out, null);
            case "Tanh" -> op("Tanh", List.of(data(n, 0)), out, null);
            case "Relu6" -> relu6(data(n, 0), out);
            case "Prelu" -> op("PRelu", List.of(data(n, 0), data(n, 1)), out, null);
            case "Softmax" -> op("Softmax", List.of(data(n, 0)), out, new ProtoWriter[] {intAttr("axis", -1)});
            case "Mean" -> op("ReduceMean", List.of(data(n, 0), int64Const(n.inputs().get(1))), out,
                    new ProtoWriter[] {intAttr("keepdims", n.bool("keep_dims") ? 1 : 0)});
            case "MaxPool", "AvgPool" -> pool(n);
            case "Pad" -> pad(n);
            case "Reshape" -> op("Reshape", List.of(data(n, 0), int64Const(n.inputs().get(1))), out, null);
            case "ConcatV2" -> concat(n);
            case "ResizeBilinear" -> resize(n);
            default -> throw new IllegalArgumentException("TF.js op " + n.op() + " (node " + n.name() + ") is not supported");
        }
    }

    private long[] placeholderShape(TfjsModel.Node n) {
        var dims = n.attr().path("shape").path("shape").path("dim");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).path("size").asLong();
        }
        return shape;
    }

    private void conv(TfjsModel.Node n, boolean depthwise) {
        requireNhwc(n);
        TfjsModel.Weight filter = constant(n.inputs().get(1));
        long kh = filter.shape()[0];
        long kw = filter.shape()[1];
        long in = filter.shape()[2];
        long outC = filter.shape()[3];
        float[] src = filter.floats();
        float[] oihw = new float[src.length];
        long[] dims;
        if (depthwise) {
            // TF [kh, kw, in, multiplier] -> ONNX grouped conv [in*multiplier, 1, kh, kw]; output channel c*m+k.
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        for (int m = 0; m < outC; m++) {
                            oihw[(int) (((c * outC + m) * kh + y) * kw + x)] = src[(int) (((y * kw + x) * in + c) * outC + m)];
                        }
                    }
                }
            }
            dims = new long[] {in * outC, 1, kh, kw};
        } else {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        for (int o = 0; o < outC; o++) {
                            oihw[(int) (((o * in + c) * kh + y) * kw + x)] = src[(int) (((y * kw + x) * in + c) * outC + o)];
                        }
                    }
                }
            }
            dims = new long[] {outC, in, kh, kw};
        }
        String weights = floatTensor(n.name() + "/onnx_weights", dims, oihw);
        List<String> convInputs = new ArrayList<>(List.of(toNchw(data(n, 0)), weights));
        List<String> fused = n.strings("fused_ops");
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new IllegalArgumentException("fused op " + fused + " in " + n.name() + " is not supported");
            }
            convInputs.add(floatConst(n.inputs().get(2)));
        }
        List<ProtoWriter> attrs = new ArrayList<>();
        attrs.add(intsAttr("kernel_shape", kh, kw));
        long[] strides = n.ints("strides");
        attrs.add(intsAttr("strides", strides[1], strides[2]));
        long[] dilations = n.ints("dilations");
        if (dilations.length == 4) {
            attrs.add(intsAttr("dilations", dilations[1], dilations[2]));
        }
        attrs.add(depthwise ? intAttr("group", in) : intAttr("group", 1));
        addPadding(n, attrs);
        String conv = fresh(n.name() + "/conv");
        op("Conv", convInputs, conv, attrs.toArray(ProtoWriter[]::new));
        activation(fused.size() > 1 ? fused.get(1) : null, toNhwc(conv), n.name(), n);
    }

    private void matMul(TfjsModel.Node n) {
        if (n.bool("transpose_a")) {
            throw new IllegalArgumentException("MatMul with transpose_a in " + n.name() + " is not supported");
        }
        TfjsModel.Weight b = constant(n.inputs().get(1));
        float[] values = b.floats();
        long[] dims = b.shape();
        if (n.bool("transpose_b")) {
            int rows = (int) dims[0];
            int cols = (int) dims[1];
            float[] t = new float[values.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = values[r * cols + c];
                }
            }
            values = t;
            dims = new long[] {cols, rows};
        }
        String product = fresh(n.name() + "/matmul");
        op("MatMul", List.of(data(n, 0), floatTensor(n.name() + "/onnx_b", dims, values)), product, null);
        List<String> fused = n.strings("fused_ops");
        String current = product;
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw new IllegalArgumentException("fused op " + fused + " in " + n.name() + " is not supported");
            }
            current = fresh(n.name() + "/bias");
            op("Add", List.of(product, floatConst(n.inputs().get(2))), current, null);
        }
        activation(fused.size() > 1 ? fused.get(1) : null, current, n.name(), n);
    }

    /** A fused op's activation; Prelu takes its slopes from the fused op's second argument. */
    private void activation(String kind, String input, String out, TfjsModel.Node n) {
        if (kind == null) {
            op("Identity", List.of(input), out, null);
            return;
        }
        switch (kind) {
            case "Relu" -> op("Relu", List.of(input), out, null);
            case "Relu6" -> relu6(input, out);
            case "Sigmoid" -> op("Sigmoid", List.of(input), out, null);
            case "Tanh" -> op("Tanh", List.of(input), out, null);
            case "Prelu" -> op("PRelu", List.of(input, floatConst(n.inputs().get(3))), out, null);
            default -> throw new IllegalArgumentException("fused activation " + kind + " is not supported");
        }
    }

    private void relu6(String input, String out) {
        op("Clip", List.of(input, scalar(0f), scalar(6f)), out, null);
    }

    private void pool(TfjsModel.Node n) {
        requireNhwc(n);
        long[] k = n.ints("ksize");
        long[] s = n.ints("strides");
        List<ProtoWriter> attrs = new ArrayList<>();
        attrs.add(intsAttr("kernel_shape", k[1], k[2]));
        attrs.add(intsAttr("strides", s[1], s[2]));
        addPadding(n, attrs);
        String pooled = fresh(n.name() + "/pool");
        op(n.op().equals("MaxPool") ? "MaxPool" : "AveragePool", List.of(toNchw(data(n, 0))), pooled, attrs.toArray(ProtoWriter[]::new));
        op("Identity", List.of(toNhwc(pooled)), n.name(), null);
    }

    private void addPadding(TfjsModel.Node n, List<ProtoWriter> attrs) {
        String padding = n.string("padding");
        if ("SAME".equals(padding)) {
            attrs.add(stringAttr("auto_pad", "SAME_UPPER"));
        } else if ("EXPLICIT".equals(padding)) {
            long[] p = n.ints("explicit_paddings");
            attrs.add(intsAttr("pads", p[2], p[4], p[3], p[5]));
        } else {
            attrs.add(stringAttr("auto_pad", "VALID"));
        }
    }

    private void pad(TfjsModel.Node n) {
        TfjsModel.Weight paddings = constant(n.inputs().get(1));
        int rank = (int) paddings.shape()[0];
        long[] pads = new long[rank * 2];
        for (int i = 0; i < rank; i++) {
            pads[i] = paddings.ints()[2 * i];
            pads[rank + i] = paddings.ints()[2 * i + 1];
        }
        op("Pad", List.of(data(n, 0), int64Tensor(n.name() + "/onnx_pads", pads)), n.name(), new ProtoWriter[] {stringAttr("mode", "constant")});
    }

    private void concat(TfjsModel.Node n) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n.inputs().size() - 1; i++) {
            parts.add(data(n, i));
        }
        int axis = constant(n.inputs().getLast()).ints()[0];
        op("Concat", parts, n.name(), new ProtoWriter[] {intAttr("axis", axis)});
    }

    private void resize(TfjsModel.Node n) {
        requireNhwc(n);
        TfjsModel.Weight size = constant(n.inputs().get(1));
        String mode = n.bool("align_corners") ? "align_corners" : n.bool("half_pixel_centers") ? "half_pixel" : "asymmetric";
        // NCHW sizes = the input's N and C (known only at run time) followed by the constant H and W.
        String nchw = toNchw(data(n, 0));
        String shape = fresh(n.name() + "/shape");
        op("Shape", List.of(nchw), shape, null);
        String batchAndChannels = fresh(n.name() + "/nc");
        op("Slice", List.of(shape, int64Tensor("const/0", new long[] {0}), int64Tensor("const/2", new long[] {2})), batchAndChannels, null);
        String sizes = fresh(n.name() + "/sizes");
        op("Concat", List.of(batchAndChannels, int64Tensor(n.name() + "/onnx_hw", new long[] {size.ints()[0], size.ints()[1]})), sizes,
                new ProtoWriter[] {intAttr("axis", 0)});
        String resized = fresh(n.name() + "/resized");
        op("Resize", List.of(nchw, "", "", sizes), resized,
                new ProtoWriter[] {stringAttr("mode", "linear"), stringAttr("coordinate_transformation_mode", mode)});
        op("Identity", List.of(toNhwc(resized)), n.name(), null);
    }

    private void binary(String onnxOp, TfjsModel.Node n) {
        op(onnxOp, List.of(data(n, 0), data(n, 1)), n.name(), null);
    }

    private static void requireNhwc(TfjsModel.Node n) {
        String format = n.string("data_format");
        if (format != null && !format.equals("NHWC")) {
            throw new IllegalArgumentException(n.name() + " uses data format " + format);
        }
    }

    private String toNchw(String input) {
        String out = fresh(input + "/nchw");
        op("Transpose", List.of(input), out, new ProtoWriter[] {intsAttr("perm", 0, 3, 1, 2)});
        return out;
    }

    private String toNhwc(String input) {
        String out = fresh(input + "/nhwc");
        op("Transpose", List.of(input), out, new ProtoWriter[] {intsAttr("perm", 0, 2, 3, 1)});
        return out;
    }

    /** The name of input {@code index} as an ONNX tensor: constants become float initializers. */
    private String data(TfjsModel.Node n, int index) {
        String input = base(n.inputs().get(index));
        TfjsModel.Node source = byName.get(input);
        if (source != null && source.op().equals("Const")) {
            return floatConst(input);
        }
        return input;
    }

    private TfjsModel.Weight constant(String name) {
        TfjsModel.Weight weight = model.weight(base(name));
        if (weight == null) {
            throw new IllegalArgumentException("constant " + name + " has no weight");
        }
        return weight;
    }

    private String floatConst(String name) {
        TfjsModel.Weight w = constant(name);
        float[] values = w.floats();
        if (values == null) {
            values = new float[w.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = w.ints()[i];
            }
        }
        return floatTensor(base(name), w.shape(), values);
    }

    private String int64Const(String name) {
        TfjsModel.Weight w = constant(name);
        long[] values = new long[w.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = w.ints() != null ? w.ints()[i] : (long) w.floats()[i];
        }
        return int64Tensor(base(name) + "/int64", w.shape(), values);
    }

    private String scalar(float value) {
        return floatTensor("scalar/" + value, new long[0], new float[] {value});
    }

    private String floatTensor(String name, long[] dims, float[] values) {
        if (!initializers.containsKey(name)) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                raw.putFloat(v);
            }
            initializers.put(name, tensor(name, dims, FLOAT, raw.array()));
        }
        return name;
    }

    private String int64Tensor(String name, long[] values) {
        return int64Tensor(name, new long[] {values.length}, values);
    }

    private String int64Tensor(String name, long[] dims, long[] values) {
        if (!initializers.containsKey(name)) {
            ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                raw.putLong(v);
            }
            initializers.put(name, tensor(name, dims, INT64, raw.array()));
        }
        return name;
    }

    private static ProtoWriter tensor(String name, long[] dims, int type, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static ProtoWriter valueInfo(String name, long[] shape) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT);
        if (shape != null) {
            ProtoWriter dims = new ProtoWriter();
            for (long d : shape) {
                dims.message(1, d < 0 ? new ProtoWriter().string(2, "batch") : new ProtoWriter().varint(1, d));
            }
            tensorType.message(2, dims);
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private void op(String type, List<String> in, String out, ProtoWriter[] attrs) {
        ProtoWriter node = new ProtoWriter();
        in.forEach(i -> node.string(1, i));
        node.string(2, out).string(3, fresh(out + "/" + type)).string(4, type);
        if (attrs != null) {
            for (ProtoWriter a : attrs) {
                node.message(5, a);
            }
        }
        nodes.add(node);
    }

    private String fresh(String prefix) {
        return prefix + "_" + (counter++);
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private static ProtoWriter intsAttr(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7);
    }

    private static ProtoWriter stringAttr(String name, String value) {
        return new ProtoWriter().string(1, name).string(4, value).varint(20, 3);
    }
}
