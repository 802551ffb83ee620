package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointAsyncResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.sagemaker.HostingClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch transform and asynchronous inference with SDK v2 clients and an XGBoost model trained in the
 * test: a CSV transform (SplitType Line, MultiRecord, AssembleWith Line) writes {@code <key>.out} per
 * input object with ≥ 95% accuracy, JoinSource Input puts each answer after its row, a missing input
 * fails the job; InvokeEndpointAsync reads its input from S3, writes the answer to the configured
 * output path and publishes the success notification to SNS (received through SQS), and an input
 * the model refuses ends in the failure path with the error notification.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerBatchIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    HostingClients c;
    String bucket;
    XgboostModels.Data heldOut = XgboostModels.separable(300, 7);

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start();
        c = new HostingClients(server);
        bucket = c.bucket("batch");
        Path dir = Files.createTempDirectory("sm-batch");
        c.xgboostModel("xgb", c.upload(bucket, "model/model.tar.gz", XgboostModels.modelTarGz(XgboostModels.separable(2000, 3), dir, 30)));
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private DescribeTransformJobResponse transform(String name, String input, String output, String join) {
        c.sm.createTransformJob(b -> b.transformJobName(name).modelName("xgb").batchStrategy("MultiRecord").maxPayloadInMB(1)
                .transformInput(i -> i.contentType("text/csv").splitType("Line")
                        .dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix").s3Uri(input))))
                .transformOutput(o -> o.s3OutputPath(output).assembleWith("Line").accept("text/csv"))
                .dataProcessing(join == null ? null : software.amazon.awssdk.services.sagemaker.model.DataProcessing.builder().joinSource(join).build())
                .transformResources(r -> r.instanceType("ml.m5.large").instanceCount(1)));
        try {
            c.waiter.waitUntilTransformJobCompletedOrStopped(b -> b.transformJobName(name));
        } catch (software.amazon.awssdk.core.exception.SdkClientException failedState) {
            // the waiter ends in failure on Failed; the caller looks at the job
        }
        return c.sm.describeTransformJob(b -> b.transformJobName(name));
    }

    @Test
    void transformsEveryObjectUnderThePrefix() {
        c.s3.putObject(b -> b.bucket(bucket).key("in/part-1.csv"), RequestBody.fromString(heldOut.csvWithoutLabels()));
        c.s3.putObject(b -> b.bucket(bucket).key("in/sub/part-2.csv"), RequestBody.fromString("0.9,0.95\n0.01,0.02\n"));
        DescribeTransformJobResponse done = transform("csv-job", "s3://" + bucket + "/in/", "s3://" + bucket + "/out", null);
        assertEquals(TransformJobStatus.COMPLETED, done.transformJobStatus(), done.failureReason());
        assertTrue(done.transformStartTime() != null && done.transformEndTime() != null);
        String[] scores = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("out/part-1.csv.out")).asUtf8String().trim().split("\n");
        assertEquals(heldOut.rows().length, scores.length);
        double accuracy = XgboostModels.accuracy(heldOut, scores);
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        String[] second = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("out/sub/part-2.csv.out")).asUtf8String().split("\n");
        assertEquals(2, second.length);
        assertTrue(Double.parseDouble(second[0]) > 0.5 && Double.parseDouble(second[1]) < 0.5);

        var listed = c.sm.listTransformJobs(b -> b.nameContains("csv-").statusEquals(TransformJobStatus.COMPLETED)).transformJobSummaries();
        assertEquals(List.of("csv-job"), listed.stream().map(j -> j.transformJobName()).toList());
        expectError("ResourceInUse", 400, () -> transform("csv-job", "s3://" + bucket + "/in/", "s3://" + bucket + "/out", null));
        expectError("ResourceNotFound", 400, () -> c.sm.describeTransformJob(b -> b.transformJobName("never")));
    }

    @Test
    void joinsAnswersToTheirInputRows() {
        c.s3.putObject(b -> b.bucket(bucket).key("join/rows.csv"), RequestBody.fromString("0.9,0.9\n0.1,0.1\n"));
        DescribeTransformJobResponse done = transform("join-job", "s3://" + bucket + "/join/", "s3://" + bucket + "/joined/", "Input");
        assertEquals(TransformJobStatus.COMPLETED, done.transformJobStatus(), done.failureReason());
        String[] lines = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("joined/rows.csv.out")).asUtf8String().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("0.9,0.9,"), lines[0]);
        assertTrue(Double.parseDouble(lines[0].split(",")[2]) > 0.5);
        assertTrue(lines[1].startsWith("0.1,0.1,"), lines[1]);
    }

    @Test
    void failsWhenNoInputExists() {
        DescribeTransformJobResponse done = transform("empty-job", "s3://" + bucket + "/nothing-here/", "s3://" + bucket + "/x/", null);
        assertEquals(TransformJobStatus.FAILED, done.transformJobStatus());
        assertTrue(done.failureReason().startsWith("No S3 objects found under S3 URL"), done.failureReason());
    }

    @Test
    void asyncInferenceWritesToS3AndNotifies() throws Exception {
        String topic = c.sns.createTopic(b -> b.name("async-results")).topicArn();
        String queue = c.sqs.createQueue(b -> b.queueName("async-results")).queueUrl();
        String queueArn = c.sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        c.sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(java.util.Map.of("RawMessageDelivery", "true")));
        c.sm.createEndpointConfig(b -> b.endpointConfigName("async-cfg")
                .productionVariants(v -> v.variantName("AllTraffic").modelName("xgb").instanceType("ml.m5.large").initialInstanceCount(1))
                .asyncInferenceConfig(a -> a.outputConfig(o -> o.s3OutputPath("s3://" + bucket + "/async-out/")
                        .s3FailurePath("s3://" + bucket + "/async-fail/")
                        .notificationConfig(n -> n.successTopic(topic).errorTopic(topic)))));
        c.sm.createEndpoint(b -> b.endpointName("async").endpointConfigName("async-cfg"));
        c.waiter.waitUntilEndpointInService(b -> b.endpointName("async"));

        c.s3.putObject(b -> b.bucket(bucket).key("async-in/good.csv"), RequestBody.fromString("0.95,0.9\n"));
        InvokeEndpointAsyncResponse ok = c.runtime.invokeEndpointAsync(b -> b.endpointName("async").contentType("text/csv")
                .inputLocation("s3://" + bucket + "/async-in/good.csv"));
        assertEquals("s3://" + bucket + "/async-out/" + ok.inferenceId() + ".out", ok.outputLocation());
        JsonNode success = notification(queue);
        assertEquals("Completed", success.get("invocationStatus").asText());
        assertEquals(ok.inferenceId(), success.get("inferenceId").asText());
        assertEquals(ok.outputLocation(), success.at("/responseParameters/outputLocation").asText());
        String answer = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("async-out/" + ok.inferenceId() + ".out")).asUtf8String();
        assertTrue(Double.parseDouble(answer.trim()) > 0.5, answer);

        c.s3.putObject(b -> b.bucket(bucket).key("async-in/bad.csv"), RequestBody.fromString("1,2,3,4,5\n"));
        InvokeEndpointAsyncResponse bad = c.runtime.invokeEndpointAsync(b -> b.endpointName("async").contentType("text/csv")
                .inputLocation("s3://" + bucket + "/async-in/bad.csv").inferenceId("bad-one"));
        assertEquals("bad-one", bad.inferenceId());
        JsonNode failure = notification(queue);
        assertEquals("Failed", failure.get("invocationStatus").asText());
        assertEquals(bad.failureLocation(), failure.at("/responseParameters/failureLocation").asText());
        String error = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("async-fail/bad-one-error.out")).asUtf8String();
        assertTrue(error.contains("Feature size"), error);

        expectError("ValidationError", 400, () -> c.runtime.invokeEndpointAsync(b -> b.endpointName("nope")
                .inputLocation("s3://" + bucket + "/async-in/good.csv")));
    }

    private JsonNode notification(String queue) throws Exception {
        List<Message> got = new ArrayList<>();
        for (int i = 0; i < 10 && got.isEmpty(); i++) {
            got.addAll(c.sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5).maxNumberOfMessages(1)).messages());
        }
        assertEquals(1, got.size(), "no notification arrived");
        c.sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(got.getFirst().receiptHandle()));
        return JSON.readTree(got.getFirst().body());
    }
}
