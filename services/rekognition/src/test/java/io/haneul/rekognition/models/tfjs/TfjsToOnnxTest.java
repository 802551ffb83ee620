package io.haneul.rekognition.models.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hand-written TF.js graph, converted and run by ONNX Runtime, against values worked out by hand. */
class TfjsToOnnxTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** input [1,3,3,1] -> _FusedConv2D 2x2 VALID + bias, Relu fused -> Mean over H,W -> Mul by 2. */
    private static final String MODEL = """
            {"modelTopology": {"node": [
              {"name": "x", "op": "Placeholder", "attr": {"shape": {"shape": {"dim": [{"size": "1"}, {"size": "3"}, {"size": "3"}, {"size": "1"}]}}}},
              {"name": "w", "op": "Const"}, {"name": "b", "op": "Const"}, {"name": "axes", "op": "Const"}, {"name": "two", "op": "Const"},
              {"name": "conv", "op": "_FusedConv2D", "input": ["x", "w", "b"], "attr": {
                 "padding": {"s": "%s"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
                 "fused_ops": {"list": {"s": ["%s", "%s"]}}, "num_args": {"i": "1"}}},
              {"name": "mean", "op": "Mean", "input": ["conv", "axes"], "attr": {"keep_dims": {"b": false}}},
              {"name": "out", "op": "Mul", "input": ["mean", "two"]}
            ]},
            "weightsManifest": [{"paths": ["shard"], "weights": [
              {"name": "w", "shape": [2, 2, 1, 1], "dtype": "float32", "quantization": {"dtype": "float16", "original_dtype": "float32"}},
              {"name": "b", "shape": [1], "dtype": "float32"},
              {"name": "axes", "shape": [2], "dtype": "int32"},
              {"name": "two", "shape": [], "dtype": "float32"}
            ]}]}
            """.formatted(b64("VALID"), b64("BiasAdd"), b64("Relu"));

    private static byte[] shard() {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 + 4 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : new float[] {1, 0, 0, -1}) {
            b.putShort(Float.floatToFloat16(w));
        }
        b.putFloat(0.5f);
        b.putInt(1).putInt(2);
        b.putFloat(2f);
        return b.array();
    }

    @Test
    void convertedGraphComputesWhatTensorFlowWould() throws Exception {
        TfjsModel model = TfjsModel.parse(MODEL.getBytes(StandardCharsets.UTF_8), path -> shard());
        byte[] onnx = TfjsToOnnx.convert(model, List.of("out"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = {1, 2, 3, 4, 5, 6, 7, 9, 8};
        try (OrtSession session = env.createSession(onnx);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, 3, 1});
             OrtSession.Result result = session.run(Map.of("x", input))) {
            float[] out = ((float[][]) result.get(0).getValue())[0];
            // conv(x)[i,j] = x[i,j] - x[i+1,j+1] + 0.5 -> -3.5, -3.5, -4.5, -3.5; relu -> 0; mean 0; *2 -> 0.
            assertArrayEquals(new float[] {0f}, out, 1e-6f);
        }
        float[] y = {9, 2, 3, 4, 1, 6, 7, 1, 1};
        try (OrtSession session = env.createSession(onnx);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(y), new long[] {1, 3, 3, 1});
             OrtSession.Result result = session.run(Map.of("x", input))) {
            float[] out = ((float[][]) result.get(0).getValue())[0];
            // conv: 9-1+.5=8.5, 2-6+.5=-3.5 -> 0, 4-1+.5=3.5, 1-1+.5=0.5; mean = (8.5 + 0 + 3.5 + 0.5) / 4 = 3.125; * 2 = 6.25 (shape [1, 1])
            assertArrayEquals(new float[] {6.25f}, out, 1e-3f);
        }
    }

    @Test
    void unsupportedOpsFailWithTheirName() {
        String model = MODEL.replace("\"op\": \"Mul\"", "\"op\": \"Erf\"");
        TfjsModel parsed = TfjsModel.parse(model.getBytes(StandardCharsets.UTF_8), path -> shard());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfjsToOnnx.convert(parsed, List.of("out")));
        assertTrue(e.getMessage().contains("Erf"), e.getMessage());
    }
}
