package io.haneul.sagemaker.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training toolkit's contract: hyperparameters decoded and turned into arguments, the SM_* environment, failure reasons. */
class ToolkitEnvironmentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void hyperparametersBecomeSortedArgumentsWithoutTheFrameworkOnes() {
        Map<String, String> hps = new LinkedHashMap<>();
        hps.put("epochs", "5");
        hps.put("sagemaker_program", "\"train.py\"");
        hps.put("batch-size", "\"64\"");
        hps.put("verbose", "true");
        hps.put("name", "plain text");
        hps.put("layers", "[1, 2]");
        ToolkitEnvironment env = new ToolkitEnvironment(hps);
        assertEquals(List.of("--batch-size", "64", "--epochs", "5", "--layers", "[1,2]", "--name", "plain text", "--verbose", "True"),
                env.arguments());
        assertEquals("train.py", env.framework("sagemaker_program"));
        assertEquals(null, env.framework("sagemaker_submit_directory"));
    }

    @Test
    void environmentNamesChannelsHostsAndHyperparameters() throws Exception {
        ToolkitEnvironment env = new ToolkitEnvironment(Map.of("lr", "0.1", "sagemaker_program", "\"train.py\"",
                "sagemaker_submit_directory", "\"s3://b/src.tar.gz\""));
        ToolkitEnvironment.Folders folders = ScriptTrainer.folders(work);
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("train", "/w/input/data/train");
        channels.put("test-set", "/w/input/data/test-set");
        ObjectNode config = JSON.createObjectNode();
        Map<String, String> vars = env.variables(folders, channels, config, JSON.createObjectNode(), "train.py", "ml.m5.large", "job-1");
        assertEquals("[\"train\",\"test-set\"]", vars.get("SM_CHANNELS"));
        assertEquals("/w/input/data/train", vars.get("SM_CHANNEL_TRAIN"));
        assertEquals("/w/input/data/test-set", vars.get("SM_CHANNEL_TEST_SET"));
        assertEquals("{\"lr\":0.1}", vars.get("SM_HPS"));
        assertEquals("0.1", vars.get("SM_HP_LR"));
        assertEquals("[\"algo-1\"]", vars.get("SM_HOSTS"));
        assertEquals("algo-1", vars.get("SM_CURRENT_HOST"));
        assertEquals("train", vars.get("SM_MODULE_NAME"));
        assertEquals("s3://b/src.tar.gz", vars.get("SM_MODULE_DIR"));
        assertEquals(work.resolve("model").toString(), vars.get("SM_MODEL_DIR"));
        assertTrue(Files.isDirectory(work.resolve("output/data")));
        assertEquals("[\"--lr\",\"0.1\"]", vars.get("SM_USER_ARGS"));
        assertEquals("job-1", JSON.readTree(vars.get("SM_TRAINING_ENV")).get("job_name").asText());
        assertFalse(vars.containsKey("SM_HP_SAGEMAKER_PROGRAM"));
    }

    @Test
    void failureReasonIsTheFailureFileOrTheLastPythonError() throws Exception {
        ScriptProcess.Result result = new ScriptProcess.Result(1, false, List.of("Traceback (most recent call last):",
                "  File \"train.py\", line 3, in <module>", "ValueError: bad input", ""));
        String reason = ScriptTrainer.failureReason(work, result, List.of("python", "train.py"));
        assertEquals("ExecuteUserScriptError:\nExitCode 1\nErrorMessage \"ValueError: bad input\"\nCommand \"python train.py\", exit code: 1",
                reason);
        Files.writeString(work.resolve("failure"), "custom reason\n");
        assertEquals("custom reason", ScriptTrainer.failureReason(work, result, List.of("python", "train.py")));
        assertEquals("a\nb\nc", ScriptTrainer.lastError(List.of("x", "a", "b", "c")));
    }

    @Test
    void frameworkImagesAreRecognisedByRepository() {
        assertTrue(FrameworkImages.isScriptJob("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
                Map.of("sagemaker_program", "\"t.py\"")));
        assertTrue(FrameworkImages.isScriptJob("763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-training:2.1-cpu-py310",
                Map.of("sagemaker_program", "\"t.py\"")));
        assertFalse(FrameworkImages.isScriptJob("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1", Map.of("num_round", "5")));
        assertTrue(FrameworkImages.isScriptJob("sagemaker-xgboost:1.7-1", Map.of("sagemaker_program", "\"t.py\"")));
        assertFalse(FrameworkImages.scriptOnly("sagemaker-xgboost:1.7-1"));
        assertTrue(FrameworkImages.scriptOnly("sagemaker-scikit-learn:1.2-1"));
        assertFalse(FrameworkImages.isFramework("382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1"));
    }
}
