package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.script.PythonFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.CreateProcessingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeProcessingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ProcessingInput;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processing jobs with the SDK v2, shaped as the SageMaker Python SDK's ScriptProcessor sends them: the code and the
 * data as S3 inputs under /opt/ml/processing, the entry point run with the machine's Python and its /opt/ml paths
 * mapped, the output folder uploaded to S3 (InProgress → Completed), a failing script (Failed with its error), a stop
 * (Stopped), listing, tags, deletion, and CreateProcessingJob's validation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerProcessingIT {

    static final String IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";

    TestServer server;
    HostingClients c;
    String bucket;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(PythonFinder.ofMachine(null).find().isPresent(), "no python3 on this machine: processing jobs not tested");
        server = TestServer.start();
        c = new HostingClients(server);
        bucket = c.bucket("processing");
        c.s3.putObject(b -> b.bucket(bucket).key("code/process.py"), RequestBody.fromString(ScriptSources.resource("process.py")));
        c.s3.putObject(b -> b.bucket(bucket).key("in/a.csv"), RequestBody.fromString("1,2\n3,4\n"));
        c.s3.putObject(b -> b.bucket(bucket).key("in/b.csv"), RequestBody.fromString("0.5,10\n"));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            c.close();
            server.close();
        }
    }

    private CreateProcessingJobRequest job(String name, List<String> extraArgs, Consumer<CreateProcessingJobRequest.Builder> more) {
        List<String> args = new java.util.ArrayList<>(List.of("--input", "/opt/ml/processing/input/data", "--output", "/opt/ml/processing/output"));
        args.addAll(extraArgs);
        CreateProcessingJobRequest.Builder b = CreateProcessingJobRequest.builder().processingJobName(name).roleArn(HostingClients.ROLE)
                .appSpecification(a -> a.imageUri(IMAGE).containerEntrypoint("python3", "/opt/ml/processing/input/code/process.py")
                        .containerArguments(args))
                .processingInputs(input("code", "s3://" + bucket + "/code/process.py", "/opt/ml/processing/input/code"),
                        input("data", "s3://" + bucket + "/in/", "/opt/ml/processing/input/data"))
                .processingOutputConfig(o -> o.outputs(out -> out.outputName("result").s3Output(s -> s
                        .s3Uri("s3://" + bucket + "/out/" + name).localPath("/opt/ml/processing/output").s3UploadMode("EndOfJob"))))
                .processingResources(r -> r.clusterConfig(cc -> cc.instanceCount(1).instanceType("ml.m5.large").volumeSizeInGB(5)))
                .environment(Map.of("STAGE", "test"));
        more.accept(b);
        return b.build();
    }

    private static ProcessingInput input(String name, String uri, String local) {
        return ProcessingInput.builder().inputName(name).s3Input(s -> s.s3Uri(uri).localPath(local).s3DataType("S3Prefix")
                .s3InputMode("File").s3DataDistributionType("FullyReplicated")).build();
    }

    private DescribeProcessingJobResponse awaitEnd(String name) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            DescribeProcessingJobResponse d = c.sm.describeProcessingJob(b -> b.processingJobName(name));
            if (!d.processingJobStatusAsString().equals("InProgress") && !d.processingJobStatusAsString().equals("Stopping")) {
                return d;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("processing job " + name + " did not end");
    }

    private String text(String key) {
        return c.s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void scriptReadsItsInputsAndItsOutputsLandInS3() throws Exception {
        String name = SageMakerClients.name("proc");
        String arn = c.sm.createProcessingJob(job(name, List.of(), b -> b.tags(Tag.builder().key("k").value("v").build())))
                .processingJobArn();
        assertEquals("arn:aws:sagemaker:us-east-1:" + HostingClients.ACCOUNT + ":processing-job/" + name, arn);
        DescribeProcessingJobResponse done = awaitEnd(name);
        assertEquals("Completed", done.processingJobStatusAsString(), done.failureReason());
        assertNull(done.failureReason());
        assertNotNull(done.processingStartTime());
        assertNotNull(done.processingEndTime());
        assertEquals(IMAGE, done.appSpecification().imageUri());
        assertEquals("2,4\n6,8\n", text("out/" + name + "/a.csv"));
        assertEquals("1,20\n", text("out/" + name + "/b.csv"));
        assertEquals("rows=3 env=test\n", text("out/" + name + "/summary.txt"));

        List<ProcessingJobSummary> listed = c.sm.listProcessingJobs(b -> b.nameContains(name)).processingJobSummaries();
        assertEquals(1, listed.size());
        assertEquals("Completed", listed.getFirst().processingJobStatusAsString());
        assertEquals(0, c.sm.listProcessingJobs(b -> b.nameContains(name).statusEquals("Failed")).processingJobSummaries().size());
        assertEquals(List.of(Tag.builder().key("k").value("v").build()), c.sm.listTags(b -> b.resourceArn(arn)).tags());

        c.sm.deleteProcessingJob(b -> b.processingJobName(name));
        HostingClients.expectError("ResourceNotFound", 400, () -> c.sm.describeProcessingJob(b -> b.processingJobName(name)));
    }

    @Test
    void aFailingScriptFailsTheJob() throws Exception {
        String name = SageMakerClients.name("proc-fail");
        c.sm.createProcessingJob(job(name, List.of("--fail", "boom"), b -> { }));
        DescribeProcessingJobResponse done = awaitEnd(name);
        assertEquals("Failed", done.processingJobStatusAsString());
        assertTrue(done.failureReason().startsWith("AlgorithmError: RuntimeError: processing failed: boom"), done.failureReason());
        assertTrue(done.failureReason().endsWith("exit code: 1"), done.failureReason());
        assertTrue(c.s3.listObjectsV2(b -> b.bucket(bucket).prefix("out/" + name)).contents().isEmpty(), "no output after a failure");
    }

    @Test
    void stopEndsTheScript() throws Exception {
        String name = SageMakerClients.name("proc-stop");
        c.sm.createProcessingJob(job(name, List.of("--sleep", "600"), b -> { }));
        HostingClients.expectError("ResourceInUse", 400, () -> c.sm.deleteProcessingJob(b -> b.processingJobName(name)));
        c.sm.stopProcessingJob(b -> b.processingJobName(name));
        DescribeProcessingJobResponse done = awaitEnd(name);
        assertEquals("Stopped", done.processingJobStatusAsString());
        HostingClients.expectError("ValidationException", 400, () -> c.sm.stopProcessingJob(b -> b.processingJobName(name)));
    }

    @Test
    void createChecksNamesAndPaths() {
        String name = SageMakerClients.name("proc-bad");
        HostingClients.expectError("ValidationException", 400, () -> c.sm.createProcessingJob(job(name, List.of(), b -> b
                .processingInputs(input("data", "s3://" + bucket + "/in/", "/tmp/data")))));
        HostingClients.expectError("ValidationException", 400, () -> c.sm.createProcessingJob(job(name, List.of(), b -> b
                .processingInputs(input("result", "s3://" + bucket + "/in/", "/opt/ml/processing/input/data")))));
        HostingClients.expectError("ResourceNotFound", 400, () -> c.sm.describeProcessingJob(b -> b.processingJobName(name)));
        HostingClients.expectError("ResourceNotFound", 400, () -> c.sm.stopProcessingJob(b -> b.processingJobName(name)));
    }
}
