package io.haneul.sagemaker.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Between Triton's datatypes (FP32, FP64, INT32, INT64, BOOL) and ONNX Runtime's tensors: a request's input checked
 * against the model's (datatype, rank, fixed dimensions) and made a tensor; an output tensor written as JSON.
 */
final class Tensors {

    private Tensors() {
    }

    /** Triton's name of the tensor type. */
    static String datatype(TensorInfo info) {
        return switch (info.type) {
            case FLOAT -> "FP32";
            case DOUBLE -> "FP64";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case INT8 -> "INT8";
            case UINT8 -> "UINT8";
            case INT16 -> "INT16";
            case BOOL -> "BOOL";
            case FLOAT16 -> "FP16";
            case STRING -> "BYTES";
            default -> info.type.name();
        };
    }

    static OnnxTensor create(OrtEnvironment env, InferenceJson.Input in, TensorInfo info) throws AlgorithmException, OrtException {
        String expected = datatype(info);
        if (!expected.equals(in.datatype())) {
            throw AlgorithmException.client("unexpected datatype " + in.datatype() + " for inference input '" + in.name() + "', expecting "
                    + expected);
        }
        long[] declared = info.getShape();
        boolean fits = declared.length == in.shape().length;
        for (int i = 0; fits && i < declared.length; i++) {
            fits = declared[i] < 0 || declared[i] == in.shape()[i];
        }
        if (!fits) {
            throw AlgorithmException.client("unexpected shape for input '" + in.name() + "': the model expects "
                    + Arrays.toString(declared).replace("-1", "-1 (any)") + ", the request gave " + Arrays.toString(in.shape()));
        }
        List<JsonNode> data = in.data();
        int n = data.size();
        return switch (expected) {
            case "FP32" -> {
                FloatBuffer b = FloatBuffer.allocate(n);
                for (JsonNode v : data) {
                    b.put((float) number(v, in).doubleValue());
                }
                yield OnnxTensor.createTensor(env, b.flip(), in.shape());
            }
            case "FP64" -> {
                DoubleBuffer b = DoubleBuffer.allocate(n);
                for (JsonNode v : data) {
                    b.put(number(v, in).doubleValue());
                }
                yield OnnxTensor.createTensor(env, b.flip(), in.shape());
            }
            case "INT32" -> {
                IntBuffer b = IntBuffer.allocate(n);
                for (JsonNode v : data) {
                    b.put((int) integer(v, in, Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
                yield OnnxTensor.createTensor(env, b.flip(), in.shape());
            }
            case "INT64" -> {
                LongBuffer b = LongBuffer.allocate(n);
                for (JsonNode v : data) {
                    b.put(integer(v, in, Long.MIN_VALUE, Long.MAX_VALUE));
                }
                yield OnnxTensor.createTensor(env, b.flip(), in.shape());
            }
            case "BOOL" -> {
                ByteBuffer b = ByteBuffer.allocateDirect(n);
                for (JsonNode v : data) {
                    if (!v.isBoolean()) {
                        throw AlgorithmException.client("input '" + in.name() + "' of datatype BOOL holds a value that is not a boolean: " + v);
                    }
                    b.put((byte) (v.asBoolean() ? 1 : 0));
                }
                yield OnnxTensor.createTensor(env, b.flip(), in.shape(), OnnxJavaType.BOOL);
            }
            default -> throw AlgorithmException.client("datatype " + expected + " of input '" + in.name() + "' is not served by Haneul"
                    + " (FP32, FP64, INT32, INT64 and BOOL are).");
        };
    }

    private static Number number(JsonNode v, InferenceJson.Input in) throws AlgorithmException {
        if (!v.isNumber()) {
            throw AlgorithmException.client("input '" + in.name() + "' of datatype " + in.datatype() + " holds a value that is not a number: " + v);
        }
        return v.numberValue();
    }

    /** A whole number within [min, max] (as Triton, a fractional or out-of-range value is the client's error). */
    static long integer(JsonNode v, InferenceJson.Input in, long min, long max) throws AlgorithmException {
        Number n = number(v, in);
        boolean whole;
        java.math.BigDecimal exact;
        if (v.isIntegralNumber()) {
            exact = new java.math.BigDecimal(v.bigIntegerValue());
            whole = true;
        } else {
            double d = n.doubleValue();
            whole = Double.isFinite(d) && d == Math.rint(d);
            exact = whole ? new java.math.BigDecimal(d) : null;
        }
        if (!whole) {
            throw AlgorithmException.client("input '" + in.name() + "' of datatype " + in.datatype() + " holds a value that is not a whole number: " + v);
        }
        if (exact.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
            throw AlgorithmException.client("input '" + in.name() + "' of datatype " + in.datatype() + " holds a value out of its range: " + v);
        }
        return exact.longValueExact();
    }

    /** Writes {@code datatype}, {@code shape} and the flat {@code data} of an output. */
    static void write(OnnxTensor t, ObjectNode into) throws AlgorithmException {
        TensorInfo info = t.getInfo();
        into.put("datatype", datatype(info));
        ArrayNode shape = into.putArray("shape");
        for (long d : info.getShape()) {
            shape.add(d);
        }
        ArrayNode data = into.putArray("data");
        switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = t.getFloatBuffer();
                while (b.hasRemaining()) {
                    data.add(b.get());
                }
            }
            case DOUBLE -> {
                DoubleBuffer b = t.getDoubleBuffer();
                while (b.hasRemaining()) {
                    data.add(b.get());
                }
            }
            case INT32 -> {
                IntBuffer b = t.getIntBuffer();
                while (b.hasRemaining()) {
                    data.add(b.get());
                }
            }
            case INT64 -> {
                LongBuffer b = t.getLongBuffer();
                while (b.hasRemaining()) {
                    data.add(b.get());
                }
            }
            case BOOL -> {
                ByteBuffer b = t.getByteBuffer();
                while (b.hasRemaining()) {
                    data.add(b.get() != 0);
                }
            }
            default -> throw AlgorithmException.internal("the model's output of datatype " + datatype(info) + " is not served by Haneul"
                    + " (FP32, FP64, INT32, INT64 and BOOL are).");
        }
    }
}
