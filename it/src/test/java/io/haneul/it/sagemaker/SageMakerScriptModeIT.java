package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Script mode with the SDK v2, as the SageMaker Python SDK's SKLearn estimator drives it: a sourcedir.tar.gz in S3
 * and a training job of the scikit-learn image whose entry point trains a real scikit-learn model on a CSV channel
 * (arguments, SM_* environment and config files checked from what the script saw, metrics from its output, the
 * model in model.tar.gz), a failing script (FailureReason from its error), StopTrainingJob and MaxRuntimeInSeconds
 * (the script and the child it started are ended); then the model deployed with SAGEMAKER_PROGRAM and invoked
 * (held-out rows classified, csv/json both ways), a crashing worker answering ModelError and being restarted,
 * and tags on the training job. Skipped with a message when the machine's Python has no scikit-learn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerScriptModeIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    HostingClients c;
    String bucket;
    String sourceDir;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(ScriptSources.pythonWithSklearn().isPresent(),
                "no python3.11 with scikit-learn on this machine (./haneul and .ci/run install it with pip): script mode not tested");
        server = TestServer.start("--sagemaker-invocation-timeout-seconds", "5");
        c = new HostingClients(server);
        bucket = c.bucket("script");
        c.s3.putObject(b -> b.bucket(bucket).key("code/sourcedir.tar.gz"), RequestBody.fromBytes(ScriptSources.sourceDir("train.py")));
        sourceDir = "s3://" + bucket + "/code/sourcedir.tar.gz";
        c.s3.putObject(b -> b.bucket(bucket).key("train/data.csv"), RequestBody.fromString(ScriptSources.rows(new Random(5), 600, true, null)));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            c.close();
            server.close();
        }
    }

    private CreateTrainingJobRequest job(String name, Map<String, String> hps, Consumer<CreateTrainingJobRequest.Builder> more) {
        Map<String, String> all = new java.util.HashMap<>(hps);
        all.put("sagemaker_program", "\"train.py\"");
        all.put("sagemaker_submit_directory", "\"" + sourceDir + "\"");
        all.put("sagemaker_container_log_level", "20");
        CreateTrainingJobRequest.Builder b = CreateTrainingJobRequest.builder().trainingJobName(name).roleArn(HostingClients.ROLE)
                .algorithmSpecification(a -> a.trainingImage(ScriptSources.SKLEARN_IMAGE).trainingInputMode("File")
                        .metricDefinitions(m -> m.name("train:accuracy").regex("train accuracy=([0-9.]+);")))
                .hyperParameters(all)
                .inputDataConfig(ch -> ch.channelName("train").contentType("text/csv").dataSource(d -> d.s3DataSource(s -> s
                        .s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/train").s3DataDistributionType("FullyReplicated"))))
                .outputDataConfig(o -> o.s3OutputPath("s3://" + bucket + "/output"))
                .resourceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(10))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(600));
        more.accept(b);
        return b.build();
    }

    private DescribeTrainingJobResponse awaitEnd(String name) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeTrainingJobResponse d = c.sm.describeTrainingJob(b -> b.trainingJobName(name));
            if (!d.trainingJobStatusAsString().equals("InProgress") && !d.trainingJobStatusAsString().equals("Stopping")) {
                return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("training job " + name + " did not end");
    }

    private String log(String job) throws Exception {
        return JSON.readTree(JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/sagemaker/logs/TrainingJobs/" + job))))
                .get("events").toString();
    }

    @Test
    void sklearnScriptTrainsDeploysAndServes() throws Exception {
        String name = SageMakerClients.name("sk");
        c.sm.createTrainingJob(job(name, Map.of("C", "0.5"), b -> b.tags(Tag.builder().key("team").value("ml").build())));
        DescribeTrainingJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.trainingJobStatusAsString(), done.failureReason());
        Map<String, Float> metrics = done.finalMetricDataList().stream().collect(java.util.stream.Collectors.toMap(MetricData::metricName,
                MetricData::value));
        assertTrue(metrics.get("train:accuracy") >= 0.9, metrics.toString());
        String artifact = "s3://" + bucket + "/output/" + name + "/output/model.tar.gz";
        assertEquals(artifact, done.modelArtifacts().s3ModelArtifacts());

        Path modelDir = Files.createTempDirectory("sk-model");
        List<String> entries = SageMakerTrainingIT.untar(c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("output/" + name
                + "/output/model.tar.gz")).asByteArray(), modelDir);
        assertEquals(List.of("env.json", "model.joblib"), entries.stream().sorted().toList());
        JsonNode seen = JSON.readTree(modelDir.resolve("env.json").toFile());
        assertEquals(List.of("--C", "0.5"), JSON.convertValue(seen.get("argv"), List.class));
        assertEquals("[\"train\"]", seen.get("SM_CHANNELS").asText());
        assertEquals(0.5, JSON.readTree(seen.get("SM_HPS").asText()).get("C").asDouble());
        assertEquals("0.5", seen.get("SM_HP_C").asText());
        assertEquals("algo-1", seen.get("SM_CURRENT_HOST").asText());
        assertEquals("[\"algo-1\"]", seen.get("SM_HOSTS").asText());
        assertEquals("train", seen.get("SM_MODULE_NAME").asText());
        assertEquals(name, seen.get("TRAINING_JOB_NAME").asText());
        assertTrue(seen.get("SM_NUM_CPUS").asInt() >= 1);
        assertEquals("\"train.py\"", seen.at("/hyperparameters.json/sagemaker_program").asText());
        assertEquals("text/csv", seen.at("/inputdataconfig.json/train/ContentType").asText());
        assertEquals("algo-1", seen.at("/resourceconfig.json/current_host").asText());
        assertTrue(log(name).contains("train accuracy="), "the script's output is the job's log");
        Path outputDir = Files.createTempDirectory("sk-output");
        assertEquals(List.of("report.txt"), SageMakerTrainingIT.untar(c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("output/" + name
                + "/output/output.tar.gz")).asByteArray(), outputDir));
        assertEquals("rows=600\n", Files.readString(outputDir.resolve("report.txt")));
        assertEquals(List.of(Tag.builder().key("team").value("ml").build()), c.sm.listTags(b -> b.resourceArn(done.trainingJobArn())).tags());
        c.sm.addTags(b -> b.resourceArn(done.trainingJobArn()).tags(Tag.builder().key("stage").value("dev").build()));
        assertEquals(2, c.sm.listTags(b -> b.resourceArn(done.trainingJobArn())).tags().size());

        // deploy as SKLearnModel does: the framework image, the artifact, the entry point and source directory in the environment
        String model = SageMakerClients.name("sk-model");
        c.sm.createModel(b -> b.modelName(model).executionRoleArn(HostingClients.ROLE).primaryContainer(p -> p
                .image(ScriptSources.SKLEARN_IMAGE).modelDataUrl(artifact)
                .environment(Map.of("SAGEMAKER_PROGRAM", "train.py", "SAGEMAKER_SUBMIT_DIRECTORY", sourceDir))));
        c.sm.createEndpointConfig(b -> b.endpointConfigName(model).productionVariants(v -> v.variantName("AllTraffic").modelName(model)
                .instanceType("ml.m5.large").initialInstanceCount(1)));
        c.sm.createEndpoint(b -> b.endpointName(model).endpointConfigName(model));
        c.waiter.waitUntilEndpointInService(b -> b.endpointName(model));

        int[] truth = new int[200];
        String heldOut = ScriptSources.rows(new Random(77), truth.length, false, truth);
        InvokeEndpointResponse answer = c.runtime.invokeEndpoint(b -> b.endpointName(model).contentType("text/csv")
                .accept("application/json").body(SdkBytes.fromUtf8String(heldOut)));
        assertEquals("application/json", answer.contentType());
        JsonNode predictions = JSON.readTree(answer.body().asUtf8String());
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += (int) predictions.get(i).asDouble() == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.9 * truth.length, "held-out accuracy " + correct + "/" + truth.length);

        InvokeEndpointResponse csv = c.runtime.invokeEndpoint(b -> b.endpointName(model).contentType("application/json")
                .accept("text/csv").body(SdkBytes.fromUtf8String("[[3, -3, 0], [-3, 3, 0]]")));
        assertEquals("text/csv", csv.contentType());
        assertEquals(List.of("1.0", "0.0"), csv.body().asUtf8String().strip().lines().toList());

        HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(model).contentType("text/csv")
                .body(SdkBytes.fromUtf8String("-999,0,0"))));
        InvokeEndpointResponse after = c.runtime.invokeEndpoint(b -> b.endpointName(model).contentType("text/csv")
                .accept("application/json").body(SdkBytes.fromUtf8String("3,-3,0")));
        assertEquals("[1.0]", after.body().asUtf8String().replace(" ", ""), "the crashed worker was started again");
        AwsServiceException slow = HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(model)
                .contentType("text/csv").body(SdkBytes.fromUtf8String("-555,0,0"))));
        assertTrue(slow.getMessage().contains("Your invocation timed out while waiting for a response from container primary"),
                slow.getMessage());
        assertEquals("[0.0]", c.runtime.invokeEndpoint(b -> b.endpointName(model).contentType("text/csv").accept("application/json")
                .body(SdkBytes.fromUtf8String("-3,3,0"))).body().asUtf8String().replace(" ", ""), "a fresh worker answers");
        HostingClients.expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName(model)
                .contentType("application/x-unknown").body(SdkBytes.fromUtf8String("x"))));
    }

    @Test
    void aFailingScriptFailsTheJobWithItsError() throws Exception {
        String name = SageMakerClients.name("sk-fail");
        c.sm.createTrainingJob(job(name, Map.of("fail", "\"the data is bad\""), b -> { }));
        DescribeTrainingJobResponse done = awaitEnd(name);
        assertEquals("Failed", done.trainingJobStatusAsString());
        assertTrue(done.failureReason().startsWith("AlgorithmError: ExecuteUserScriptError:"), done.failureReason());
        assertTrue(done.failureReason().contains("ExitCode 1"), done.failureReason());
        assertTrue(done.failureReason().contains("ValueError: the data is bad"), done.failureReason());
        assertTrue(log(name).contains("Traceback"), "the traceback is in the job's log");
    }

    @Test
    void stopAndMaxRuntimeEndTheScriptAndItsChildren() throws Exception {
        String stopped = SageMakerClients.name("sk-stop");
        c.sm.createTrainingJob(job(stopped, Map.of("sleep", "600"), b -> { }));
        long child = awaitChild(stopped);
        c.sm.stopTrainingJob(b -> b.trainingJobName(stopped));
        DescribeTrainingJobResponse done = awaitEnd(stopped);
        assertEquals("Stopped", done.trainingJobStatusAsString());
        assertEquals("Stopped", done.secondaryStatusAsString());
        assertGone(child);
        // the script got SIGTERM first and saved a model, which a stopped job keeps
        assertTrue(done.modelArtifacts() != null && done.modelArtifacts().s3ModelArtifacts().endsWith(stopped + "/output/model.tar.gz"),
                done.toString());

        String timed = SageMakerClients.name("sk-max");
        c.sm.createTrainingJob(job(timed, Map.of("sleep", "600"), b -> b.stoppingCondition(s -> s.maxRuntimeInSeconds(3))));
        DescribeTrainingJobResponse ended = awaitEnd(timed);
        assertEquals("Stopped", ended.trainingJobStatusAsString());
        assertEquals("MaxRuntimeExceeded", ended.secondaryStatusAsString());
        Matcher started = Pattern.compile("child pid (\\d+)").matcher(log(timed));
        if (started.find()) { // on a slow machine the limit may come before the script started its child
            assertGone(Long.parseLong(started.group(1)));
        }
    }

    @Test
    void frameworkImagesNeedAnEntryPoint() {
        String name = SageMakerClients.name("sk-bad");
        HostingClients.expectError("ValidationException", 400, () -> c.sm.createTrainingJob(job(name, Map.of(), b -> b
                .hyperParameters(Map.of("C", "1")))));
        HostingClients.expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName(name)
                .executionRoleArn(HostingClients.ROLE).primaryContainer(p -> p.image(ScriptSources.SKLEARN_IMAGE))));
    }

    private long awaitChild(String job) throws Exception {
        Pattern pid = Pattern.compile("child pid (\\d+)");
        for (int i = 0; i < 1200; i++) {
            Matcher m = pid.matcher(log(job));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the script of " + job + " did not start its child: " + log(job));
    }

    /** The child (killed with its process group) is reaped by init shortly after; wait for that, not for a time. */
    private static void assertGone(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the script's child " + pid + " was ended");
    }
}
