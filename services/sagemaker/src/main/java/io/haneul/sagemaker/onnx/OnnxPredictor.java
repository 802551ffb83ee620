package io.haneul.sagemaker.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model run by ONNX Runtime, answering Triton's inference protocol (KServe v2) as SageMaker's Triton container
 * does: {@code application/json} {@code {"inputs":[{"name","shape","datatype","data"}], "outputs":[{"name"}]}} in,
 * {@code {"model_name","model_version","outputs":[{"name","datatype","shape","data"}]}} out ({@link InferenceJson}).
 * A model with one input also takes {@code text/csv} rows as that input of shape [rows, columns] (Haneul's convenience;
 * Triton reads JSON only). ONNX Runtime's sessions are safe for concurrent runs.
 */
final class OnnxPredictor implements Predictor {

    /**
     * Threads one inference may use: a few, since every loaded model version has its own pool and the server's other work
     * shares the machine (ONNX Runtime's default is one per core for each session).
     */
    private static final int INTRA_OP_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String name;
    private final String version;
    private final Map<String, TensorInfo> inputs = new LinkedHashMap<>();
    private final Set<String> tensorOutputs = new LinkedHashSet<>();

    private OnnxPredictor(OrtEnvironment env, OrtSession session, String name, String version) throws OrtException {
        this.env = env;
        this.session = session;
        this.name = name;
        this.version = version;
        for (Map.Entry<String, NodeInfo> in : session.getInputInfo().entrySet()) {
            if (in.getValue().getInfo() instanceof TensorInfo t) {
                inputs.put(in.getKey(), t);
            }
        }
        for (Map.Entry<String, NodeInfo> out : session.getOutputInfo().entrySet()) {
            if (out.getValue().getInfo() instanceof TensorInfo) {
                tensorOutputs.add(out.getKey());
            }
        }
    }

    static OnnxPredictor load(Path file, String name, String version) throws AlgorithmException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(INTRA_OP_THREADS);
            OrtSession session = env.createSession(file.toString(), options);
            try {
                return new OnnxPredictor(env, session, name, version);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw AlgorithmException.client("ONNX Runtime could not load model " + name + " version " + version + ": " + e.getMessage());
        }
    }

    @Override
    public Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException {
        String type = contentType == null ? "application/json" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        InferenceJson.Request request = switch (type) {
            case "application/json", "application/octet-stream" -> InferenceJson.read(body);
            case "text/csv" -> InferenceJson.csv(body, onlyInput());
            default -> throw AlgorithmException.client("Content type " + contentType + " is not supported: send application/json in "
                    + "Triton's inference protocol (or text/csv rows for a model with one input).");
        };
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (InferenceJson.Input in : request.inputs()) {
                TensorInfo info = inputs.get(in.name());
                if (info == null) {
                    throw AlgorithmException.client("unexpected inference input '" + in.name() + "' for model '" + name + "'");
                }
                feed.put(in.name(), Tensors.create(env, in, info));
            }
            for (String required : inputs.keySet()) {
                if (!feed.containsKey(required)) {
                    throw AlgorithmException.client("expected " + inputs.size() + " inputs but got " + feed.size() + " inputs for model '"
                            + name + "': input '" + required + "' is missing");
                }
            }
            Set<String> wanted = request.outputs().isEmpty() ? tensorOutputs : new LinkedHashSet<>(request.outputs());
            for (String output : wanted) {
                if (!tensorOutputs.contains(output)) {
                    throw AlgorithmException.client("unexpected inference output '" + output + "' for model '" + name + "'");
                }
            }
            try (OrtSession.Result result = session.run(feed, wanted)) {
                Map<String, OnnxTensor> outputs = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> out : result) {
                    outputs.put(out.getKey(), (OnnxTensor) out.getValue());
                }
                return new Prediction(InferenceJson.answer(request.id(), name, version, outputs), "application/json");
            }
        } catch (OrtException e) {
            throw AlgorithmException.client("onnx runtime error: " + e.getMessage());
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private Map.Entry<String, TensorInfo> onlyInput() throws AlgorithmException {
        if (inputs.size() != 1) {
            throw AlgorithmException.client("text/csv is read as the model's only input, and model '" + name + "' has " + inputs.size()
                    + " inputs: send application/json in Triton's inference protocol.");
        }
        return inputs.entrySet().iterator().next();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // released either way
        }
    }
}
