package io.haneul.sagemaker.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Script mode: runs a framework training job's entry point ({@code sagemaker_program} from the
 * {@code sagemaker_submit_directory} tar.gz in S3) with the machine's Python, as the framework containers'
 * training toolkit does. The job folder is laid out as {@code /opt/ml} ({@code input/config/hyperparameters.json},
 * {@code resourceconfig.json}, {@code inputdataconfig.json}, {@code input/data/<channel>}, {@code model},
 * {@code output/data}, {@code code}), the environment is the toolkit's ({@link ToolkitEnvironment}) and the
 * hyperparameters are arguments. Output lines are the job's log (metric definitions apply to them); a non-zero
 * exit fails the job with the {@code output/failure} file's text or the last error lines; a stop ends the
 * process group. {@code requirements.txt} is installed with pip only when the option allows it.
 */
public final class ScriptTrainer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_LINE = Pattern.compile("^[A-Za-z_][\\w.]*(Error|Exception|Exit|Interrupt)\\b.*");
    private static final int MAX_REASON = 1024;

    private final Supplier<Optional<ObjectStorage>> storage;
    private final PythonFinder python;
    private final boolean installRequirements;
    private final Supplier<String> endpoint;
    private final long maxUnpackedBytes;

    /** @param installRequirements whether a source directory's requirements.txt is installed with pip ({@code --sagemaker-script-pip}) */
    public ScriptTrainer(Supplier<Optional<ObjectStorage>> storage, PythonFinder python, boolean installRequirements,
                         Supplier<String> endpoint, long maxUnpackedBytes) {
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.endpoint = endpoint;
        this.storage = storage;
        this.python = python;
        this.installRequirements = installRequirements;
    }

    /**
     * Runs the job's script in {@code work} (whose {@code input/data/<channel>} folders the runner filled); the model
     * lands in {@code request.modelDir()}.
     */
    public void train(String account, DescribeTrainingJobResponse job, TrainingRequest request, Path work)
            throws AlgorithmException, IOException {
        Path interpreter = python.find().orElseThrow(() -> AlgorithmException.client("No Python interpreter was found on the Haneul "
                + "server for script mode (python3.11 under pyenv or on PATH, or the --sagemaker-python option)."));
        ToolkitEnvironment toolkit = new ToolkitEnvironment(job.hyperParameters());
        String program = toolkit.framework(FrameworkImages.PROGRAM);
        String submit = toolkit.framework(FrameworkImages.SUBMIT_DIRECTORY);
        if (program == null || program.isBlank()) {
            throw AlgorithmException.client("The hyperparameter sagemaker_program names no entry point.");
        }
        if (submit == null || !submit.startsWith("s3://")) {
            throw AlgorithmException.client("The hyperparameter sagemaker_submit_directory must name the source directory as a tar.gz in S3 "
                    + "(s3://...); it is " + submit + ".");
        }
        Path code = Files.createDirectories(work.resolve("code"));
        ObjectStorage s3 = storage.get().orElseThrow(() -> AlgorithmException.internal("S3 is not running on this server"));
        new S3Files(s3).extractTarball(account, submit, code, maxUnpackedBytes);
        Path entry = code.resolve(program).normalize();
        if (!entry.startsWith(code) || !Files.isRegularFile(entry)) {
            throw AlgorithmException.client("ExecuteUserScriptError: the entry point " + program + " is not in the source directory " + submit);
        }
        ToolkitEnvironment.Folders folders = folders(work);
        Map<String, String> channels = new LinkedHashMap<>();
        ObjectNode inputConfig = JSON.createObjectNode();
        for (Channel c : job.hasInputDataConfig() ? job.inputDataConfig() : List.<Channel>of()) {
            channels.put(c.channelName(), work.resolve("input/data").resolve(c.channelName()).toString());
            ObjectNode one = inputConfig.putObject(c.channelName());
            one.put("TrainingInputMode", c.inputModeAsString() == null ? job.algorithmSpecification().trainingInputModeAsString()
                    : c.inputModeAsString());
            one.put("S3DistributionType", c.dataSource().s3DataSource().s3DataDistributionTypeAsString() == null ? "FullyReplicated"
                    : c.dataSource().s3DataSource().s3DataDistributionTypeAsString());
            one.put("RecordWrapperType", c.recordWrapperTypeAsString() == null ? "None" : c.recordWrapperTypeAsString());
            if (c.contentType() != null) {
                one.put("ContentType", c.contentType());
            }
        }
        ObjectNode resourceConfig = JSON.createObjectNode().put("current_host", ToolkitEnvironment.HOST)
                .put("current_instance_type", job.resourceConfig().instanceTypeAsString())
                .put("current_group_name", "homogeneousCluster").put("network_interface_name", "eth0");
        resourceConfig.putArray("hosts").add(ToolkitEnvironment.HOST);
        Path config = Path.of(folders.inputConfig());
        Files.writeString(config.resolve("hyperparameters.json"), JSON.writeValueAsString(job.hyperParameters()));
        Files.writeString(config.resolve("inputdataconfig.json"), inputConfig.toString());
        Files.writeString(config.resolve("resourceconfig.json"), resourceConfig.toString());

        Map<String, String> env = new HashMap<>();
        if (job.hasEnvironment()) {
            env.putAll(job.environment());
        }
        env.putAll(toolkit.variables(folders, channels, inputConfig, resourceConfig, program, job.resourceConfig().instanceTypeAsString(),
                job.trainingJobName()));
        env.putAll(ScriptProcess.awsVariables(endpoint.get(), job.trainingJobArn().split(":")[3], account));
        env.put("TRAINING_JOB_ARN", job.trainingJobArn());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONPATH", pythonPath(interpreter, code, work, request, env));
        List<String> command = new ArrayList<>();
        if (program.endsWith(".sh")) {
            command.add("/bin/sh");
        } else {
            command.add(interpreter.toString());
        }
        command.add(program);
        command.addAll(toolkit.arguments());
        request.metrics().log("Invoking script with the following command: " + String.join(" ", command));
        ScriptProcess.Result result;
        try {
            result = ScriptProcess.run(command, code, env, request.metrics()::log, request.stopRequested());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AlgorithmException.stopped();
        }
        if (result.stopped()) {
            throw AlgorithmException.stopped();
        }
        if (result.exitCode() != 0) {
            throw AlgorithmException.internal(failureReason(Path.of(folders.output()), result, command));
        }
    }

    static ToolkitEnvironment.Folders folders(Path work) throws IOException {
        Path input = Files.createDirectories(work.resolve("input"));
        Path output = Files.createDirectories(work.resolve("output"));
        return new ToolkitEnvironment.Folders(input.toString(), Files.createDirectories(input.resolve("config")).toString(),
                Files.createDirectories(work.resolve("model")).toString(), output.toString(),
                Files.createDirectories(output.resolve("data")).toString(), Files.createDirectories(output.resolve("intermediate")).toString(),
                work.resolve("code").toString());
    }

    /** The source folder first, then (when the option allows and the folder has one) the packages requirements.txt installs. */
    private String pythonPath(Path interpreter, Path code, Path work, TrainingRequest request, Map<String, String> env)
            throws AlgorithmException, IOException {
        Path requirements = code.resolve("requirements.txt");
        if (!Files.isRegularFile(requirements)) {
            return code.toString();
        }
        if (!installRequirements) {
            request.metrics().log("requirements.txt found in the source directory but not installed: the Haneul server's "
                    + "--sagemaker-script-pip option is off; the script runs with the packages of " + interpreter);
            return code.toString();
        }
        Path deps = Files.createDirectories(work.resolve("deps"));
        List<String> pip = List.of(interpreter.toString(), "-m", "pip", "install", "--no-input", "--target", deps.toString(), "-r",
                requirements.toString());
        request.metrics().log("Installing dependencies from requirements.txt: " + String.join(" ", pip));
        ScriptProcess.Result installed;
        try {
            installed = ScriptProcess.run(pip, code, env, request.metrics()::log, request.stopRequested());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AlgorithmException.stopped();
        }
        if (installed.stopped()) {
            throw AlgorithmException.stopped();
        }
        if (installed.exitCode() != 0) {
            throw AlgorithmException.client("InstallRequirementsError: pip could not install requirements.txt (exit code "
                    + installed.exitCode() + "): " + lastError(installed.tail()));
        }
        return code + java.io.File.pathSeparator + deps;
    }

    /** The output/failure file's text when the script wrote one, else the toolkit's ExecuteUserScriptError with the last error line. */
    static String failureReason(Path output, ScriptProcess.Result result, List<String> command) throws IOException {
        Path failure = output.resolve("failure");
        String reason;
        String written = Files.isRegularFile(failure) ? head(failure) : "";
        if (!written.isBlank()) {
            reason = written.strip();
        } else {
            reason = "ExecuteUserScriptError:\nExitCode " + result.exitCode() + "\nErrorMessage \"" + lastError(result.tail())
                    + "\"\nCommand \"" + String.join(" ", command) + "\", exit code: " + result.exitCode();
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    /** The file's first {@link #MAX_REASON} bytes as text: a script may write a failure file of any size. */
    private static String head(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_REASON), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The last line that reads as a Python exception ({@code ValueError: ...}), else the last lines. */
    public static String lastError(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (ERROR_LINE.matcher(tail.get(i)).matches()) {
                return tail.get(i).strip();
            }
        }
        List<String> nonBlank = tail.stream().filter(l -> !l.isBlank()).toList();
        return String.join("\n", nonBlank.subList(Math.max(0, nonBlank.size() - 3), nonBlank.size())).strip();
    }
}
