package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.haneul.it.sagemaker.HostingClients.ROLE;
import static io.haneul.it.sagemaker.HostingClients.XGBOOST_IMAGE;
import static io.haneul.it.sagemaker.HostingClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-model endpoints (TargetModel loads a model.tar.gz under the model's S3 prefix on first use, models added after the
 * endpoint was made included; AWS's ValidationErrors for a missing or unknown target and for a target sent to another kind of
 * endpoint; ModelError for an artifact that does not load; ModelCacheSetting Disabled) and multi-container endpoints (a serial
 * inference pipeline passing one XGBoost model's scores to a second model that inverts them; direct invocation by
 * TargetContainerHostname and its errors; AWS's container rules at CreateModel; batch transform through a pipeline) with SDK v2,
 * and the same headers through boto3.
 * The XGBoost models are trained in the test with XGBoost4J: "a" scores x0 + x1 > 1 high, "b" the opposite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerMultiModelIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HIGH_THEN_LOW = "0.9,0.9\n0.1,0.1";

    TestServer server;
    HostingClients c;
    String bucket;
    String prefix;
    String modelA;
    String modelB;
    String inverter;
    Path work;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start();
        c = new HostingClients(server);
        bucket = c.bucket("mme");
        work = Files.createTempDirectory("sm-mme");
        XgboostModels.Data data = XgboostModels.separable(2000, 1);
        modelA = c.upload(bucket, "models/a.tar.gz", XgboostModels.modelTarGz(data, Files.createDirectory(work.resolve("a")), 30));
        modelB = c.upload(bucket, "models/team/b.tar.gz",
                XgboostModels.modelTarGz(XgboostModels.inverted(data), Files.createDirectory(work.resolve("b")), 30));
        inverter = c.upload(bucket, "single/inverter.tar.gz",
                XgboostModels.modelTarGz(XgboostModels.scoreInverter(2000, 3), Files.createDirectory(work.resolve("inv")), 30));
        c.s3.putObject(b -> b.bucket(bucket).key("models/broken.tar.gz"), RequestBody.fromString("not a tar archive"));
        prefix = "s3://" + bucket + "/models/";
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private DescribeEndpointResponse deploy(String name, String model) {
        c.sm.createEndpointConfig(b -> b.endpointConfigName(name).productionVariants(ProductionVariant.builder().variantName("AllTraffic")
                .modelName(model).instanceType("ml.m5.large").initialInstanceCount(1).initialVariantWeight(1f).build()));
        c.sm.createEndpoint(b -> b.endpointName(name).endpointConfigName(name));
        DescribeEndpointResponse ready = c.waiter.waitUntilEndpointInService(b -> b.endpointName(name)).matched().response().orElseThrow();
        assertEquals("InService", ready.endpointStatusAsString(), String.valueOf(ready.failureReason()));
        return ready;
    }

    /** The scores of {@link #HIGH_THEN_LOW}'s two rows. */
    private double[] scores(String endpoint, Consumer<InvokeEndpointRequest.Builder> target) {
        var r = c.runtime.invokeEndpoint(b -> {
            b.endpointName(endpoint).contentType("text/csv").body(SdkBytes.fromUtf8String(HIGH_THEN_LOW));
            target.accept(b);
        });
        assertEquals("AllTraffic", r.invokedProductionVariant());
        String[] lines = r.body().asUtf8String().trim().split("\n");
        return new double[]{Double.parseDouble(lines[0].trim()), Double.parseDouble(lines[1].trim())};
    }

    private static void assertHighThenLow(double[] s) {
        assertTrue(s[0] > 0.5 && s[1] < 0.5, s[0] + ", " + s[1]);
    }

    private static void assertLowThenHigh(double[] s) {
        assertTrue(s[0] < 0.5 && s[1] > 0.5, s[0] + ", " + s[1]);
    }

    @Test
    void multiModelEndpointLoadsTheTargetModel() throws Exception {
        c.sm.createModel(b -> b.modelName("mme").executionRoleArn(ROLE)
                .primaryContainer(p -> p.image(XGBOOST_IMAGE).mode("MultiModel").modelDataUrl(prefix)));
        assertEquals("MultiModel", c.sm.describeModel(b -> b.modelName("mme")).primaryContainer().modeAsString());
        deploy("mme", "mme");

        assertHighThenLow(scores("mme", b -> b.targetModel("a.tar.gz")));
        assertLowThenHigh(scores("mme", b -> b.targetModel("team/b.tar.gz")));
        assertHighThenLow(scores("mme", b -> b.targetModel("a.tar.gz")));
        // a model uploaded after the endpoint was made is served too
        c.upload(bucket, "models/late.tar.gz", work.resolve("b").resolve("model.tar.gz"));
        assertLowThenHigh(scores("mme", b -> b.targetModel("late.tar.gz")));

        AwsServiceException e = expectError("ValidationError", 400, () -> scores("mme", b -> { }));
        assertTrue(e.awsErrorDetails().errorMessage().contains("multi-model endpoint"), e.getMessage());
        e = expectError("ValidationError", 400, () -> scores("mme", b -> b.targetModel("nope.tar.gz")));
        assertEquals("Failed to download model data(bucket: " + bucket + ", key: models/nope.tar.gz). Please ensure that there is an"
                + " object located at the URL and that the role passed to CreateModel has permissions to download the model.",
                e.awsErrorDetails().errorMessage());
        ModelErrorException broken = (ModelErrorException) expectError("ModelError", 424, () -> scores("mme", b -> b.targetModel("broken.tar.gz")));
        assertEquals(500, broken.originalStatusCode());
        expectError("ValidationError", 400, () -> scores("mme", b -> b.targetModel("a.tar.gz").targetContainerHostname("x")));
        assertHighThenLow(scores("mme", b -> b.targetModel("a.tar.gz")));
    }

    @Test
    void multiModelEndpointWithoutCacheStillServes() {
        c.sm.createModel(b -> b.modelName("mme-nocache").executionRoleArn(ROLE).primaryContainer(p -> p.image(XGBOOST_IMAGE)
                .mode("MultiModel").modelDataUrl(prefix).multiModelConfig(m -> m.modelCacheSetting("Disabled"))));
        deploy("mme-nocache", "mme-nocache");
        for (int i = 0; i < 3; i++) {
            assertHighThenLow(scores("mme-nocache", b -> b.targetModel("a.tar.gz")));
            assertLowThenHigh(scores("mme-nocache", b -> b.targetModel("/team/b.tar.gz")));
        }
    }

    @Test
    void aTargetModelOnASingleModelEndpointIsRefused() {
        c.xgboostModel("single", modelA);
        deploy("single", "single");
        assertHighThenLow(scores("single", b -> { }));
        AwsServiceException e = expectError("ValidationError", 400, () -> scores("single", b -> b.targetModel("a.tar.gz")));
        assertEquals("Endpoint single is not a multi-model endpoint and does not support target model header.", e.awsErrorDetails().errorMessage());
        expectError("ValidationError", 400, () -> scores("single", b -> b.targetContainerHostname("primary")));
    }

    @Test
    void serialPipelinePassesEachAnswerToTheNextContainer() {
        c.sm.createModel(b -> b.modelName("pipeline").executionRoleArn(ROLE).containers(
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelA).containerHostname("scorer").build(),
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(inverter).containerHostname("inverter").build()));
        DescribeEndpointResponse ready = deploy("pipeline", "pipeline");
        assertEquals(2, ready.productionVariants().getFirst().deployedImages().size());
        assertEquals(2, c.sm.describeModel(b -> b.modelName("pipeline")).containers().size());
        // "a" alone scores the first row high; the inverter turns its scores round
        assertLowThenHigh(scores("pipeline", b -> { }));
        AwsServiceException e = expectError("ValidationError", 400, () -> scores("pipeline", b -> b.targetContainerHostname("scorer")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("direct invocation"), e.getMessage());
        ModelErrorException bad = (ModelErrorException) expectError("ModelError", 424, () -> c.runtime.invokeEndpoint(b -> b.endpointName("pipeline")
                .contentType("text/csv").body(SdkBytes.fromUtf8String("1,2,3"))));
        assertEquals(400, bad.originalStatusCode());
    }

    @Test
    void batchTransformRunsASerialPipeline() {
        c.sm.createModel(b -> b.modelName("pipeline-batch").executionRoleArn(ROLE).containers(
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelA).build(),
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(inverter).build()));
        c.s3.putObject(b -> b.bucket(bucket).key("batch-in/rows.csv"), RequestBody.fromString(HIGH_THEN_LOW + "\n"));
        c.sm.createTransformJob(b -> b.transformJobName("pipeline-batch").modelName("pipeline-batch").batchStrategy("MultiRecord")
                .transformInput(i -> i.contentType("text/csv").splitType("Line")
                        .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix").s3Uri("s3://" + bucket + "/batch-in/"))))
                .transformOutput(o -> o.s3OutputPath("s3://" + bucket + "/batch-out/").assembleWith("Line").accept("text/csv"))
                .transformResources(r -> r.instanceType("ml.m5.large").instanceCount(1)));
        c.waiter.waitUntilTransformJobCompletedOrStopped(b -> b.transformJobName("pipeline-batch"));
        assertEquals("Completed", c.sm.describeTransformJob(b -> b.transformJobName("pipeline-batch")).transformJobStatusAsString());
        String[] out = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("batch-out/rows.csv.out")).asUtf8String().trim().split("\n");
        assertLowThenHigh(new double[]{Double.parseDouble(out[0].trim()), Double.parseDouble(out[1].trim())});
    }

    @Test
    void directInvocationAnswersFromTheNamedContainer() {
        c.sm.createModel(b -> b.modelName("direct").executionRoleArn(ROLE).inferenceExecutionConfig(x -> x.mode("Direct")).containers(
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelA).containerHostname("first").build(),
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelB).containerHostname("second").build()));
        assertEquals("Direct", c.sm.describeModel(b -> b.modelName("direct")).inferenceExecutionConfig().modeAsString());
        deploy("direct", "direct");
        assertHighThenLow(scores("direct", b -> b.targetContainerHostname("first")));
        assertLowThenHigh(scores("direct", b -> b.targetContainerHostname("second")));
        AwsServiceException e = expectError("ValidationError", 400, () -> scores("direct", b -> { }));
        assertTrue(e.awsErrorDetails().errorMessage().contains("direct invocation"), e.getMessage());
        e = expectError("ValidationError", 400, () -> scores("direct", b -> b.targetContainerHostname("third")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("third"), e.getMessage());
        expectError("ValidationError", 400, () -> scores("direct", b -> b.targetContainerHostname("first").targetModel("a.tar.gz")));
    }

    @Test
    void containersAreCheckedAsAwsChecksThem() {
        ContainerDefinition one = ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelA).build();
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("direct-no-hosts").executionRoleArn(ROLE)
                .inferenceExecutionConfig(x -> x.mode("Direct")).containers(one, one)));
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("direct-one-no-host").executionRoleArn(ROLE)
                .inferenceExecutionConfig(x -> x.mode("Direct")).containers(one)));
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("some-hosts").executionRoleArn(ROLE).containers(
                one.toBuilder().containerHostname("h").build(), one)));
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("same-hosts").executionRoleArn(ROLE).containers(
                one.toBuilder().containerHostname("h").build(), one.toBuilder().containerHostname("h").build())));
        List<ContainerDefinition> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(one.toBuilder().containerHostname("c" + i).build());
        }
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("too-many").executionRoleArn(ROLE).containers(sixteen)));
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("mme-in-pipeline").executionRoleArn(ROLE).containers(
                one.toBuilder().mode("MultiModel").modelDataUrl(prefix).build(), one)));
        expectError("ValidationException", 400, () -> c.sm.createModel(b -> b.modelName("mme-no-prefix").executionRoleArn(ROLE)
                .primaryContainer(p -> p.image(XGBOOST_IMAGE).mode("MultiModel"))));
    }

    @TempDir
    Path boto3Work;

    @Test
    void boto3SendsTheTargetHeaders() throws Exception {
        c.sm.createModel(b -> b.modelName("boto-mme").executionRoleArn(ROLE)
                .primaryContainer(p -> p.image(XGBOOST_IMAGE).mode("MultiModel").modelDataUrl(prefix)));
        deploy("boto-mme", "boto-mme");
        c.sm.createModel(b -> b.modelName("boto-direct").executionRoleArn(ROLE).inferenceExecutionConfig(x -> x.mode("Direct")).containers(
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelA).containerHostname("first").build(),
                ContainerDefinition.builder().image(XGBOOST_IMAGE).modelDataUrl(modelB).containerHostname("second").build()));
        deploy("boto-direct", "boto-direct");
        Path script = boto3Work.resolve("targets.py");
        Files.writeString(script, """
                import json, sys
                import boto3
                rt = boto3.client("sagemaker-runtime", endpoint_url=sys.argv[1], region_name="us-east-1")
                def scores(**kw):
                    r = rt.invoke_endpoint(ContentType="text/csv", Body="0.9,0.9\\n0.1,0.1", **kw)
                    return [float(x) for x in r["Body"].read().decode().split()]
                def error(**kw):
                    try:
                        scores(**kw)
                    except rt.exceptions.ValidationError as e:
                        return e.response["Error"]["Code"]
                    return "none"
                print(json.dumps({
                    "a": scores(EndpointName="boto-mme", TargetModel="a.tar.gz"),
                    "b": scores(EndpointName="boto-mme", TargetModel="team/b.tar.gz"),
                    "first": scores(EndpointName="boto-direct", TargetContainerHostname="first"),
                    "second": scores(EndpointName="boto-direct", TargetContainerHostname="second"),
                    "noModel": error(EndpointName="boto-mme"),
                    "unknownModel": error(EndpointName="boto-mme", TargetModel="nope.tar.gz"),
                    "noHost": error(EndpointName="boto-direct"),
                }))
                """);
        String python = Processes.pythonWithBoto3(boto3Work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString()), HostingClients.ACCOUNT, "secret",
                boto3Work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertHighThenLow(pair(out.get("a")));
        assertLowThenHigh(pair(out.get("b")));
        assertHighThenLow(pair(out.get("first")));
        assertLowThenHigh(pair(out.get("second")));
        assertEquals("ValidationError", out.get("noModel").asText());
        assertEquals("ValidationError", out.get("unknownModel").asText());
        assertEquals("ValidationError", out.get("noHost").asText());
    }

    private static double[] pair(JsonNode n) {
        return new double[]{n.get(0).asDouble(), n.get(1).asDouble()};
    }
}
