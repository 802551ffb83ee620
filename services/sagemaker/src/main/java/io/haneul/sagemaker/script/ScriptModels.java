package io.haneul.sagemaker.script;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves a script-mode model (a framework image whose container environment names {@code SAGEMAKER_PROGRAM}):
 * the source directory comes from {@code SAGEMAKER_SUBMIT_DIRECTORY}, a tar.gz in S3 unpacked into the model
 * folder's {@code code/}, or {@code /opt/ml/model/code} (the SDK's repacked model.tar.gz, already unpacked), and a
 * {@link ScriptPredictor} runs the inference contract in a Python worker.
 */
public final class ScriptModels {

    private static final String WORKER = "inference_worker.py";
    /** How long model_fn may take before the endpoint fails (AWS's container start-up health check allows up to an hour). */
    private static final Duration STARTUP = Duration.ofMinutes(10);

    private final PythonFinder python;
    private final Duration timeout;
    private final Supplier<String> endpoint;
    private final long maxUnpackedBytes;

    /** @param timeout how long one invocation may take before the worker is ended (AWS: 60 seconds) */
    public ScriptModels(PythonFinder python, Duration timeout, Supplier<String> endpoint, long maxUnpackedBytes) {
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.endpoint = endpoint;
        this.python = python;
        this.timeout = timeout;
    }

    /** The most bytes a model's or source directory's archive may unpack to ({@code --sagemaker-max-unpacked-bytes}). */
    public long maxUnpackedBytes() {
        return maxUnpackedBytes;
    }

    /**
     * Loads the model whose data is unpacked in {@code modelDir}.
     *
     * @param environment the container's Environment (SAGEMAKER_PROGRAM, SAGEMAKER_SUBMIT_DIRECTORY, the user's own)
     */
    public Predictor load(String account, ObjectStorage s3, Path modelDir, Map<String, String> environment, String label)
            throws AlgorithmException, IOException {
        Path interpreter = python.find().orElseThrow(() -> AlgorithmException.client("No Python interpreter was found on the Haneul "
                + "server for script mode (python3.11 under pyenv or on PATH, or the --sagemaker-python option)."));
        String program = environment.get("SAGEMAKER_PROGRAM");
        String submit = environment.getOrDefault("SAGEMAKER_SUBMIT_DIRECTORY", "/opt/ml/model/code");
        Path code;
        if (submit.startsWith("s3://")) {
            code = modelDir.resolve("code");
            new S3Files(s3).extractTarball(account, submit, code, maxUnpackedBytes);
        } else if (submit.startsWith("/opt/ml/model")) {
            code = modelDir.resolve(submit.substring("/opt/ml/model".length()).replaceFirst("^/", "")).normalize();
        } else {
            throw AlgorithmException.client("SAGEMAKER_SUBMIT_DIRECTORY must be an s3:// tar.gz or a folder under /opt/ml/model; it is " + submit);
        }
        String module = program.endsWith(".py") ? program : program + ".py";
        Path entry = code.resolve(module).normalize();
        // SAGEMAKER_PROGRAM such as ../../x must stay inside the source directory, as a training job's entry point
        if (program.isBlank() || !code.startsWith(modelDir) || !entry.startsWith(code) || !Files.isRegularFile(entry)) {
            throw AlgorithmException.client("The entry point " + program + " is not in the source directory " + submit + ".");
        }
        Path worker = modelDir.resolve(".haneul-" + WORKER);
        try (InputStream in = ScriptModels.class.getResourceAsStream(WORKER)) {
            if (in == null) {
                throw AlgorithmException.internal("The inference worker is missing from the Haneul build");
            }
            Files.copy(in, worker, StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(ScriptProcess.awsVariables(endpoint.get(), null, account));
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONPATH", code.toString());
        env.put("SM_MODEL_DIR", modelDir.toString());
        return ScriptPredictor.start(List.of(interpreter.toString(), worker.toString(), modelDir.toString(), code.toString(), program),
                code, env, label, timeout, STARTUP);
    }
}
