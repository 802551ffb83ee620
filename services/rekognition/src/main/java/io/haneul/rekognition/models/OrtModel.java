package io.haneul.rekognition.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.haneul.rekognition.vision.VisionException;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX Runtime session, created on first use from the bytes a loader gives (an ONNX file or a
 * converted TF.js model), so that a server that never analyses an image never pays for the models.
 */
final class OrtModel implements AutoCloseable {

    /** Supplies a model's ONNX bytes. */
    interface Loader {
        byte[] load() throws VisionException;
    }

    private final String name;
    private final Loader loader;
    private volatile OrtSession session;

    OrtModel(String name, Loader loader) {
        this.name = name;
        this.loader = loader;
    }

    String name() {
        return name;
    }

    /** Runs the model on one float input of the given shape; answers each output as a flat float array. */
    Map<String, Output> run(float[] input, long[] shape) throws VisionException {
        OrtSession s = session();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = s.run(Map.of(s.getInputNames().iterator().next(), tensor))) {
            Map<String, Output> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                FloatBuffer buffer = t.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                outputs.put(e.getKey(), new Output(t.getInfo().getShape(), values));
            }
            return outputs;
        } catch (OrtException e) {
            throw new VisionException("model " + name + " failed to run: " + e.getMessage(), e);
        }
    }

    /** One output tensor: its shape and its values in row-major order. */
    record Output(long[] shape, float[] values) {
    }

    private OrtSession session() throws VisionException {
        OrtSession s = session;
        if (s == null) {
            synchronized (this) {
                s = session;
                if (s == null) {
                    byte[] bytes = loader.load();
                    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                        // shape-merge notes on converted graphs are harmless; keep the server's log to errors
                        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                        s = OrtEnvironment.getEnvironment().createSession(bytes, options);
                    } catch (OrtException e) {
                        throw new VisionException("model " + name + " could not be loaded: " + e.getMessage(), e);
                    }
                    session = s;
                }
            }
        }
        return s;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // closing at shutdown: nothing to recover
            }
            session = null;
        }
    }
}
