package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.algorithms.BuiltInAlgorithms;
import io.haneul.sagemaker.algorithms.Predictor;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricData;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatusTransition;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.haneul.it.sagemaker.SageMakerClients.XGBOOST;
import static io.haneul.it.sagemaker.SageMakerClients.expectError;
import static io.haneul.it.sagemaker.SageMakerClients.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training jobs end to end with the built-in XGBoost: data generated here in Haneul's S3, a job awaited
 * with the SDK's TrainingJobCompletedOrStopped waiter, its SecondaryStatusTransitions, final metrics,
 * model.tar.gz in S3 whose booster scores held-out rows at ≥ 95% accuracy, its log; CreateTrainingJob's
 * validation errors, jobs failing on bad data and hyperparameters with ClientError reasons,
 * StopTrainingJob, and ListTrainingJobs' filters, sorting and paging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerTrainingIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TestServer server;
    SageMakerClients c;
    String bucket;

    TestServer newServer() {
        return TestServer.start("--sagemaker-parallel-jobs", "2");
    }

    @BeforeAll
    void start() {
        server = newServer();
        c = new SageMakerClients(server);
        bucket = c.bucket("training");
        Random random = new Random(11);
        c.put(bucket, "train/part-0.csv", TrainingData.separable(random, 500, true, null));
        c.put(bucket, "train/part-1.csv", TrainingData.separable(random, 500, true, null));
        c.put(bucket, "validation/data.csv", TrainingData.separable(random, 300, true, null));
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void xgboostJobTrainsAModelThatClassifiesHeldOutRows() throws Exception {
        String name = SageMakerClients.name("xgb");
        String arn = c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "40", "objective", "binary:logistic",
                "eval_metric", "error", "max_depth", "4"), true, b -> { })).trainingJobArn();
        assertEquals("arn:aws:sagemaker:us-east-1:111111111111:training-job/" + name, arn);

        DescribeTrainingJobResponse done = c.awaitDone(name);
        assertEquals("Completed", done.trainingJobStatusAsString(), done.failureReason());
        assertEquals("Completed", done.secondaryStatusAsString());
        assertEquals(List.of("Starting", "Downloading", "Training", "Uploading", "Completed"),
                done.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::statusAsString).toList());
        for (SecondaryStatusTransition t : done.secondaryStatusTransitions()) {
            assertNotNull(t.endTime(), t.toString());
            assertNotNull(t.statusMessage());
        }
        String artifact = "s3://" + bucket + "/output/" + name + "/output/model.tar.gz";
        assertEquals(artifact, done.modelArtifacts().s3ModelArtifacts());
        Map<String, Float> metrics = done.finalMetricDataList().stream().collect(java.util.stream.Collectors.toMap(MetricData::metricName,
                MetricData::value));
        assertTrue(metrics.containsKey("train:error") && metrics.containsKey("validation:error"), metrics.toString());
        assertTrue(metrics.get("validation:error") < 0.1, metrics.toString());
        assertNotNull(done.trainingStartTime());
        assertNotNull(done.trainingEndTime());
        assertTrue(done.trainingTimeInSeconds() >= 1);
        assertEquals("ml.m5.large", done.resourceConfig().instanceTypeAsString());
        assertEquals("40", done.hyperParameters().get("num_round"));

        // the booster in model.tar.gz, loaded as the hosting side loads it, scores held-out rows
        byte[] archive = c.s3.getObjectAsBytes(b -> b.bucket(bucket).key("output/" + name + "/output/model.tar.gz")).asByteArray();
        Path modelDir = Files.createTempDirectory("xgb-model");
        List<String> entries = untar(archive, modelDir);
        assertEquals(List.of("xgboost-model"), entries);
        int[] truth = new int[400];
        String heldOut = TrainingData.separable(new Random(2024), 400, false, truth);
        try (Predictor predictor = BuiltInAlgorithms.create().forImage(XGBOOST).orElseThrow().load(modelDir)) {
            String[] scores = new String(predictor.predict(heldOut.getBytes(StandardCharsets.UTF_8), "text/csv", "text/csv").body(),
                    StandardCharsets.UTF_8).strip().split("\n");
            int correct = 0;
            for (int i = 0; i < truth.length; i++) {
                correct += (Double.parseDouble(scores[i]) > 0.5 ? 1 : 0) == truth[i] ? 1 : 0;
            }
            assertTrue(correct >= 0.95 * truth.length, "held-out accuracy " + correct + "/" + truth.length);
        }

        JsonNode log = JSON.readTree(JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/sagemaker/logs/TrainingJobs/" + name))));
        assertEquals("/aws/sagemaker/TrainingJobs", log.get("logGroupName").asText());
        String text = log.get("events").toString();
        assertTrue(text.contains("validation-error"), text);
        assertTrue(text.contains("Channel train: 2 file(s)"), text);
    }

    @Test
    void checkpointsGoToS3AndALaterJobResumesFromThem() throws Exception {
        String checkpoints = "s3://" + bucket + "/checkpoints/" + SageMakerClients.name("ckpt") + "/";
        String first = SageMakerClients.name("ckpt-a");
        c.sm.createTrainingJob(job(first, XGBOOST, bucket, Map.of("num_round", "5", "objective", "binary:logistic"), false,
                b -> b.checkpointConfig(k -> k.s3Uri(checkpoints))));
        assertEquals("Completed", c.awaitDone(first).trainingJobStatusAsString());
        String prefix = checkpoints.substring(("s3://" + bucket + "/").length());
        List<String> saved = c.s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(o -> o.key().substring(prefix.length())).sorted().toList();
        assertEquals(List.of("xgboost-checkpoint.0", "xgboost-checkpoint.1", "xgboost-checkpoint.2", "xgboost-checkpoint.3",
                "xgboost-checkpoint.4"), saved);

        String second = SageMakerClients.name("ckpt-b");
        c.sm.createTrainingJob(job(second, XGBOOST, bucket, Map.of("num_round", "8", "objective", "binary:logistic"), false,
                b -> b.checkpointConfig(k -> k.s3Uri(checkpoints))));
        DescribeTrainingJobResponse resumed = c.awaitDone(second);
        assertEquals("Completed", resumed.trainingJobStatusAsString(), resumed.failureReason());
        String log = JSON.readTree(JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/sagemaker/logs/TrainingJobs/" + second))))
                .get("events").toString();
        assertTrue(log.contains("Resuming from checkpoint xgboost-checkpoint.4: training continues at round 5"), log);
        assertTrue(c.s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix + "xgboost-checkpoint.7")).keyCount() == 1);
    }

    @Test
    void createValidatesItsRequest() {
        String name = SageMakerClients.name("bad");
        AwsServiceException noAlgorithm = expectError("ValidationException", () -> c.sm.createTrainingJob(
                job(name, XGBOOST, bucket, Map.of("num_round", "1"), false, b -> b.algorithmSpecification((software.amazon.awssdk.services.sagemaker.model.AlgorithmSpecification) null))));
        assertTrue(noAlgorithm.awsErrorDetails().errorMessage().contains("algorithmSpecification"), noAlgorithm.getMessage());
        expectError("ValidationException", () -> c.sm.createTrainingJob(job(name, "123.dkr.ecr.us-east-1.amazonaws.com/my-own:latest",
                bucket, Map.of(), false, b -> { })));
        expectError("ValidationException", () -> c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "1"), false,
                b -> b.resourceConfig((software.amazon.awssdk.services.sagemaker.model.ResourceConfig) null))));
        expectError("ValidationException", () -> c.sm.createTrainingJob(job("under_score", XGBOOST, bucket, Map.of("num_round", "1"), false,
                b -> { })));
        expectError("ValidationException", () -> c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "1"), false,
                b -> b.outputDataConfig(o -> o.s3OutputPath("https://example.com/out")))));

        c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "2"), false, b -> { }));
        AwsServiceException duplicate = expectError("ResourceInUse", () -> c.sm.createTrainingJob(job(name, XGBOOST, bucket,
                Map.of("num_round", "2"), false, b -> { })));
        assertTrue(duplicate.awsErrorDetails().errorMessage().contains("must be unique"), duplicate.getMessage());
        AwsServiceException missing = expectError("ValidationException", () -> c.sm.describeTrainingJob(b -> b.trainingJobName("no-such-job")));
        assertEquals("Requested resource not found.", missing.awsErrorDetails().errorMessage());
    }

    @Test
    void badHyperparametersAndDataFailTheJobWithClientErrors() throws Exception {
        String noRounds = SageMakerClients.name("norounds");
        c.sm.createTrainingJob(job(noRounds, XGBOOST, bucket, Map.of("eta", "0.1"), false, b -> { }));
        DescribeTrainingJobResponse failed = c.awaitEnd(noRounds);
        assertEquals("Failed", failed.trainingJobStatusAsString());
        assertEquals("ClientError: Missing required hyperparameter: num_round", failed.failureReason());
        assertEquals("Failed", failed.secondaryStatusAsString());

        String badBucket = c.bucket("baddata");
        c.put(badBucket, "train/data.csv", "label,a,b\n1,2,3\n");
        String badData = SageMakerClients.name("baddata");
        c.sm.createTrainingJob(job(badData, XGBOOST, badBucket, Map.of("num_round", "3"), false, b -> { }));
        DescribeTrainingJobResponse dataFailed = c.awaitEnd(badData);
        assertEquals("Failed", dataFailed.trainingJobStatusAsString());
        assertTrue(dataFailed.failureReason().startsWith("ClientError: ") && dataFailed.failureReason().contains("line 1"),
                dataFailed.failureReason());

        String empty = SageMakerClients.name("empty");
        String emptyBucket = c.bucket("empty");
        c.sm.createTrainingJob(job(empty, XGBOOST, emptyBucket, Map.of("num_round", "3"), false, b -> { }));
        DescribeTrainingJobResponse none = c.awaitEnd(empty);
        assertEquals("Failed", none.trainingJobStatusAsString());
        assertTrue(none.failureReason().startsWith("ClientError: No S3 objects found under S3 URL \"s3://" + emptyBucket + "/train/\""),
                none.failureReason());
    }

    @Test
    void stopTrainingJobStopsBetweenRounds() throws Exception {
        String name = SageMakerClients.name("stop");
        c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "100000000", "max_depth", "2"), false, b -> { }));
        c.awaitSecondary(name, "Training");
        c.sm.stopTrainingJob(b -> b.trainingJobName(name));
        DescribeTrainingJobResponse stopped = c.awaitDone(name);
        assertEquals("Stopped", stopped.trainingJobStatusAsString());
        assertEquals("Stopped", stopped.secondaryStatusAsString());
        List<String> transitions = stopped.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::statusAsString).toList();
        assertEquals(List.of("Starting", "Downloading", "Training", "Stopping", "Stopped"), transitions);
        AwsServiceException again = expectError("ValidationException", () -> c.sm.stopTrainingJob(b -> b.trainingJobName(name)));
        assertTrue(again.awsErrorDetails().errorMessage().contains("Stopped"), again.getMessage());
    }

    @Test
    void aJobWaitingForASlotStopsWithoutStarting() throws Exception {
        List<String> busy = List.of(SageMakerClients.name("busy"), SageMakerClients.name("busy"));
        for (String name : busy) {
            c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "100000000", "max_depth", "2"), false, b -> { }));
            c.awaitSecondary(name, "Training");
        }
        String waiting = SageMakerClients.name("waiting");
        c.sm.createTrainingJob(job(waiting, XGBOOST, bucket, Map.of("num_round", "5"), false, b -> { }));
        assertEquals("Starting", c.sm.describeTrainingJob(b -> b.trainingJobName(waiting)).secondaryStatusAsString());
        c.sm.stopTrainingJob(b -> b.trainingJobName(waiting));
        DescribeTrainingJobResponse stopped = c.awaitDone(waiting);
        assertEquals("Stopped", stopped.trainingJobStatusAsString(), String.valueOf(stopped.failureReason()));
        assertEquals(List.of("Starting", "Stopping", "Stopped"),
                stopped.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::statusAsString).toList());
        for (String name : busy) {
            c.sm.stopTrainingJob(b -> b.trainingJobName(name));
            assertEquals("Stopped", c.awaitDone(name).trainingJobStatusAsString());
        }
    }

    @Test
    void listTrainingJobsFiltersSortsAndPages() throws Exception {
        String prefix = "listing-" + System.nanoTime() % 100000;
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            c.sm.createTrainingJob(job(name, XGBOOST, bucket, Map.of("num_round", "2"), false, b -> { }));
            c.awaitDone(name);
        }
        ListTrainingJobsResponse byName = c.sm.listTrainingJobs(b -> b.nameContains(prefix.toUpperCase()).sortBy("Name").sortOrder("Descending"));
        assertEquals(List.of(prefix + "-2", prefix + "-1", prefix + "-0"),
                byName.trainingJobSummaries().stream().map(TrainingJobSummary::trainingJobName).toList());
        TrainingJobSummary first = byName.trainingJobSummaries().getFirst();
        assertEquals("Completed", first.trainingJobStatusAsString());
        assertNotNull(first.trainingEndTime());

        ListTrainingJobsResponse page1 = c.sm.listTrainingJobs(b -> b.nameContains(prefix).maxResults(2));
        assertEquals(2, page1.trainingJobSummaries().size());
        assertEquals(prefix + "-0", page1.trainingJobSummaries().getFirst().trainingJobName());
        ListTrainingJobsResponse page2 = c.sm.listTrainingJobs(b -> b.nameContains(prefix).maxResults(2).nextToken(page1.nextToken()));
        assertEquals(List.of(prefix + "-2"), page2.trainingJobSummaries().stream().map(TrainingJobSummary::trainingJobName).toList());
        assertEquals(null, page2.nextToken());

        assertTrue(c.sm.listTrainingJobs(b -> b.nameContains(prefix).statusEquals("Failed")).trainingJobSummaries().isEmpty());
        assertEquals(3, c.sm.listTrainingJobsPaginator(b -> b.nameContains(prefix).maxResults(1)).trainingJobSummaries().stream().count());
        expectError("ValidationException", () -> c.sm.listTrainingJobs(b -> b.nextToken("not-a-token")));
    }

    static List<String> untar(byte[] archive, Path dir) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
                Files.copy(tar, dir.resolve(e.getName()));
            }
        }
        return names;
    }
}
