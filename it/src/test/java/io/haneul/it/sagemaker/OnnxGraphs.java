package io.haneul.it.sagemaker;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small ONNX model written field by field with protobuf's encoder (no ONNX converter on this machine): a linear
 * classifier {@code logits = x·W + b} (x FP32 [batch, 3], W [3, 2]) and {@code label = argmax(logits)} (INT64 [batch]).
 */
final class OnnxGraphs {

    static final float[][] W = {{1f, -1f}, {2f, 0.5f}, {-0.5f, 1f}};
    static final float[] B = {0.25f, -0.25f};
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private OnnxGraphs() {
    }

    /** The logits the model answers for one row. */
    static float[] logits(float[] x) {
        float[] out = new float[2];
        for (int j = 0; j < 2; j++) {
            out[j] = B[j];
            for (int i = 0; i < 3; i++) {
                out[j] += x[i] * W[i][j];
            }
        }
        return out;
    }

    static byte[] linearClassifier() {
        ByteBuffer weights = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : W) {
            for (float v : row) {
                weights.putFloat(v);
            }
        }
        ByteBuffer bias = ByteBuffer.allocate(2 * 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(B[0]).putFloat(B[1]);
        Proto graph = new Proto()
                .message(1, node("MatMul", new String[]{"x", "W"}, "xw"))
                .message(1, node("Add", new String[]{"xw", "b"}, "logits"))
                .message(1, node("ArgMax", new String[]{"logits"}, "label")
                        .message(5, new Proto().string(1, "axis").int64(3, 1).int64(20, 2))
                        .message(5, new Proto().string(1, "keepdims").int64(3, 0).int64(20, 2)))
                .string(2, "linear")
                .message(5, new Proto().int64(1, 3).int64(1, 2).int64(2, FLOAT).string(8, "W").bytes(9, weights.array()))
                .message(5, new Proto().int64(1, 2).int64(2, FLOAT).string(8, "b").bytes(9, bias.array()))
                .message(11, value("x", FLOAT, true, 3))
                .message(12, value("logits", FLOAT, true, 2))
                .message(12, value("label", INT64, true));
        return new Proto().int64(1, 8).string(2, "haneul-test")
                .message(7, graph)
                .message(8, new Proto().string(1, "").int64(2, 13))
                .bytes();
    }

    private static Proto node(String op, String[] inputs, String output) {
        Proto n = new Proto();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, op + "_" + output).string(4, op);
    }

    /** A tensor value: its element type and shape, the first dimension the symbolic "batch" when {@code batched}. */
    private static Proto value(String name, int elemType, boolean batched, long... dims) {
        Proto shape = new Proto();
        if (batched) {
            shape.message(1, new Proto().string(2, "batch"));
        }
        for (long d : dims) {
            shape.message(1, new Proto().int64(1, d));
        }
        return new Proto().string(1, name).message(2, new Proto().message(1, new Proto().int64(1, elemType).message(2, shape)));
    }

    /** One protobuf message being written. */
    private static final class Proto {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        Proto int64(int field, long value) {
            try {
                out.writeInt64(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Proto string(int field, String value) {
            try {
                out.writeString(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Proto bytes(int field, byte[] value) {
            try {
                out.writeBytes(field, ByteString.copyFrom(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        }
    }
}
