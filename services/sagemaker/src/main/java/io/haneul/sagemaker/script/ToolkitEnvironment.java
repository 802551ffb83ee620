package io.haneul.sagemaker.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What SageMaker's training toolkit gives a user script: hyperparameters decoded (the SDK writes each as
 * JSON, e.g. {@code "\"train.py\""}, {@code "5"}; a value that is not JSON is kept as text), the
 * {@code sagemaker_*} ones (and those starting with {@code _}, such as a tuning job's
 * {@code _tuning_objective_metric}) kept for the framework and the others passed as {@code --name value}
 * arguments in key order, and the {@code SM_*} environment ({@code SM_MODEL_DIR}, {@code SM_CHANNELS},
 * {@code SM_CHANNEL_<NAME>}, {@code SM_HPS}, {@code SM_HP_<NAME>}, {@code SM_OUTPUT_DATA_DIR},
 * {@code SM_NUM_CPUS}, {@code SM_CURRENT_HOST}, {@code SM_HOSTS}, {@code SM_TRAINING_ENV}, ...) with the
 * job folder's real paths in place of {@code /opt/ml}.
 */
public final class ToolkitEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOST = "algo-1";

    /** The folders of one job, laid out as {@code /opt/ml} is in a container. */
    public record Folders(String input, String inputConfig, String model, String output, String outputData, String outputIntermediate,
                          String code) {
    }

    private final Map<String, JsonNode> userHps = new TreeMap<>();
    private final Map<String, JsonNode> frameworkHps = new TreeMap<>();

    public ToolkitEnvironment(Map<String, String> hyperParameters) {
        for (Map.Entry<String, String> e : hyperParameters.entrySet()) {
            JsonNode value = decode(e.getValue());
            boolean framework = e.getKey().startsWith("sagemaker_") || e.getKey().startsWith("_"); // _tuning_objective_metric too
            (framework ? frameworkHps : userHps).put(e.getKey(), value);
        }
    }

    static JsonNode decode(String raw) {
        try {
            JsonNode parsed = JSON.readTree(raw);
            return parsed == null || parsed.isMissingNode() ? JSON.getNodeFactory().textNode(raw) : parsed;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }

    /** A {@code sagemaker_*} hyperparameter as text, or null. */
    public String framework(String name) {
        JsonNode v = frameworkHps.get(name);
        return v == null || v.isNull() ? null : text(v);
    }

    /** A value as the toolkit passes it on the command line: strings as they are, booleans as Python writes them, the rest as JSON. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        return v.toString();
    }

    /** {@code --name value} for each user hyperparameter, in key order. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        userHps.forEach((k, v) -> {
            args.add("--" + k);
            args.add(text(v));
        });
        return args;
    }

    /**
     * The SM_* environment of a single-host job.
     *
     * @param channels     channel name → its local folder
     * @param inputConfig  inputdataconfig.json's content; {@code resourceConfig} resourceconfig.json's
     */
    public Map<String, String> variables(Folders f, Map<String, String> channels, ObjectNode inputConfig, ObjectNode resourceConfig,
                                         String entryPoint, String instanceType, String jobName) {
        Map<String, String> env = new LinkedHashMap<>();
        ObjectNode hps = JSON.createObjectNode();
        userHps.forEach(hps::set);
        ArrayNode channelNames = JSON.createArrayNode();
        channels.keySet().forEach(channelNames::add);
        ArrayNode hosts = JSON.createArrayNode().add(HOST);
        ArrayNode userArgs = JSON.createArrayNode();
        arguments().forEach(userArgs::add);
        ObjectNode frameworkParams = JSON.createObjectNode();
        frameworkHps.forEach(frameworkParams::set);
        String module = entryPoint.endsWith(".py") ? entryPoint.substring(0, entryPoint.length() - 3) : entryPoint;
        int cpus = Runtime.getRuntime().availableProcessors();

        env.put("SM_MODEL_DIR", f.model());
        env.put("SM_INPUT_DIR", f.input());
        env.put("SM_INPUT_CONFIG_DIR", f.inputConfig());
        env.put("SM_OUTPUT_DIR", f.output());
        env.put("SM_OUTPUT_DATA_DIR", f.outputData());
        env.put("SM_OUTPUT_INTERMEDIATE_DIR", f.outputIntermediate());
        env.put("SM_CHANNELS", channelNames.toString());
        channels.forEach((name, dir) -> env.put("SM_CHANNEL_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), dir));
        env.put("SM_HPS", hps.toString());
        userHps.forEach((k, v) -> env.put("SM_HP_" + k.toUpperCase(Locale.ROOT).replace('-', '_'), text(v)));
        env.put("SM_INPUT_DATA_CONFIG", inputConfig.toString());
        env.put("SM_RESOURCE_CONFIG", resourceConfig.toString());
        env.put("SM_NUM_CPUS", String.valueOf(cpus));
        env.put("SM_NUM_GPUS", "0");
        env.put("SM_NUM_NEURONS", "0");
        env.put("SM_CURRENT_HOST", HOST);
        env.put("SM_CURRENT_INSTANCE_TYPE", instanceType == null ? "local" : instanceType);
        env.put("SM_CURRENT_INSTANCE_GROUP", "homogeneousCluster");
        env.put("SM_HOSTS", hosts.toString());
        env.put("SM_NETWORK_INTERFACE_NAME", "eth0");
        env.put("SM_IS_HETERO", "false");
        env.put("SM_MODULE_NAME", module);
        env.put("SM_MODULE_DIR", framework(FrameworkImages.SUBMIT_DIRECTORY) == null ? f.code() : framework(FrameworkImages.SUBMIT_DIRECTORY));
        env.put("SM_USER_ENTRY_POINT", entryPoint);
        env.put("SM_USER_ARGS", userArgs.toString());
        env.put("SM_FRAMEWORK_PARAMS", frameworkParams.toString());
        env.put("SM_FRAMEWORK_MODULE", "");
        env.put("SM_LOG_LEVEL", "20");
        env.put("TRAINING_JOB_NAME", jobName);

        ObjectNode training = JSON.createObjectNode();
        training.put("job_name", jobName).put("model_dir", f.model()).put("input_dir", f.input()).put("input_config_dir", f.inputConfig())
                .put("output_dir", f.output()).put("output_data_dir", f.outputData())
                .put("output_intermediate_dir", f.outputIntermediate()).put("current_host", HOST).put("num_cpus", cpus).put("num_gpus", 0)
                .put("module_name", module).put("module_dir", env.get("SM_MODULE_DIR")).put("user_entry_point", entryPoint)
                .put("network_interface_name", "eth0").put("log_level", 20).put("framework_module", (String) null);
        training.set("hosts", hosts);
        training.set("hyperparameters", hps);
        training.set("additional_framework_parameters", frameworkParams);
        training.set("input_data_config", inputConfig);
        training.set("resource_config", resourceConfig);
        ObjectNode channelDirs = JSON.createObjectNode();
        channels.forEach(channelDirs::put);
        training.set("channel_input_dirs", channelDirs);
        training.set("user_args", userArgs);
        env.put("SM_TRAINING_ENV", training.toString());
        return env;
    }
}
