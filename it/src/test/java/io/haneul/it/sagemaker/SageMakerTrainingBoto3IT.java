package io.haneul.it.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.algorithms.BuiltInAlgorithms;
import io.haneul.sagemaker.algorithms.Predictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS algorithms through boto3, as a SageMaker Python SDK estimator drives them (create_training_job,
 * the training_job_completed_or_stopped waiter, describe, list paginator): k-means, linear-learner
 * (regressor) and Random Cut Forest trained on data generated here; the model.tar.gz each wrote, loaded as
 * the hosting side loads it, recovers the planted clusters, reaches R² ≥ 0.9 on held-out rows and scores
 * the planted anomalies highest.
 */
class SageMakerTrainingBoto3IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final double[][] CENTERS = {{0, 0, 0}, {10, 10, 0}, {-10, 8, 5}, {5, -10, -5}};
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    @Test
    void kmeansLinearLearnerAndRandomCutForestThroughBoto3() throws Exception {
        Random random = new Random(8);
        StringBuilder clusters = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            double[] c = CENTERS[i % CENTERS.length];
            clusters.append(f(c[0] + random.nextGaussian())).append(',').append(f(c[1] + random.nextGaussian())).append(',')
                    .append(f(c[2] + random.nextGaussian())).append('\n');
        }
        StringBuilder linear = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            linear.append(f(3 * a + 2 * b - 1 + 0.3 * random.nextGaussian())).append(',').append(f(a)).append(',').append(f(b)).append('\n');
        }
        StringBuilder normal = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            normal.append(f(random.nextGaussian())).append(',').append(f(random.nextGaussian())).append('\n');
        }
        Files.writeString(work.resolve("clusters.csv"), clusters);
        Files.writeString(work.resolve("linear.csv"), linear);
        Files.writeString(work.resolve("normal.csv"), normal);
        Path script = work.resolve("train.py");
        Files.writeString(script, """
                import json, sys, os
                import boto3
                endpoint, work = sys.argv[1], sys.argv[2]
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                sm = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1")
                s3.create_bucket(Bucket="boto-training")
                for name in ("clusters", "linear", "normal"):
                    s3.upload_file(os.path.join(work, name + ".csv"), "boto-training", name + "/data.csv")
                registry = "382416733822.dkr.ecr.us-east-1.amazonaws.com/"
                jobs = {
                    "boto-kmeans": (registry + "kmeans:1", "clusters", {"k": "4", "feature_dim": "3", "mini_batch_size": "500"}),
                    "boto-linear": (registry + "linear-learner:1", "linear", {"predictor_type": "regressor", "feature_dim": "2"}),
                    "boto-rcf": (registry + "randomcutforest:1", "normal", {"feature_dim": "2", "num_trees": "50"}),
                }
                out = {"jobs": {}}
                for name, (image, data, hps) in jobs.items():
                    sm.create_training_job(
                        TrainingJobName=name, RoleArn="arn:aws:iam::111111111111:role/SageMakerRole",
                        AlgorithmSpecification={"TrainingImage": image, "TrainingInputMode": "File"},
                        HyperParameters=hps,
                        InputDataConfig=[{"ChannelName": "train", "ContentType": "text/csv",
                                          "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix",
                                                                          "S3Uri": "s3://boto-training/" + data + "/",
                                                                          "S3DataDistributionType": "ShardedByS3Key"}}}],
                        OutputDataConfig={"S3OutputPath": "s3://boto-training/models"},
                        ResourceConfig={"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 5},
                        StoppingCondition={"MaxRuntimeInSeconds": 600})
                for name in jobs:
                    sm.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                    d = sm.describe_training_job(TrainingJobName=name)
                    key = d["ModelArtifacts"]["S3ModelArtifacts"].split("/", 3)[3]
                    s3.download_file("boto-training", key, os.path.join(work, name + ".tar.gz"))
                    out["jobs"][name] = {"status": d["TrainingJobStatus"], "secondary": d["SecondaryStatus"],
                                         "metrics": {m["MetricName"]: m["Value"] for m in d.get("FinalMetricDataList", [])},
                                         "instances": d["ResourceConfig"]["InstanceCount"], "key": key}
                out["listed"] = sorted(j["TrainingJobName"] for p in sm.get_paginator("list_training_jobs").paginate(
                    NameContains="boto-", PaginationConfig={"PageSize": 1}) for j in p["TrainingJobSummaries"])
                try:
                    sm.describe_training_job(TrainingJobName="boto-none")
                except sm.exceptions.ClientError as e:
                    out["missing"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
                print(json.dumps(out))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.toString()),
                SageMakerClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        for (String job : List.of("boto-kmeans", "boto-linear", "boto-rcf")) {
            JsonNode j = out.get("jobs").get(job);
            assertEquals("Completed", j.get("status").asText(), out.toString());
            assertEquals("Completed", j.get("secondary").asText());
            assertEquals(2, j.get("instances").asInt());
            assertEquals("models/" + job + "/output/model.tar.gz", j.get("key").asText());
        }
        assertTrue(out.at("/jobs/boto-kmeans/metrics/train:msd").asDouble() < 4, out.toString());
        assertTrue(out.at("/jobs/boto-linear/metrics/train:rmse").asDouble() < 0.5, out.toString());
        assertEquals(List.of("boto-kmeans", "boto-linear", "boto-rcf"),
                JSON.convertValue(out.get("listed"), List.class));
        assertEquals("ValidationException", out.at("/missing/0").asText());
        assertEquals("Requested resource not found.", out.at("/missing/1").asText());

        Algorithms algorithms = BuiltInAlgorithms.create();
        try (Predictor kmeans = load(algorithms, "kmeans", "boto-kmeans")) {
            Set<Integer> seen = new HashSet<>();
            for (double[] c : CENTERS) {
                JsonNode a = ask(kmeans, f(c[0]) + "," + f(c[1]) + "," + f(c[2]));
                seen.add(a.at("/predictions/0/closest_cluster").asInt());
            }
            assertEquals(CENTERS.length, seen.size(), "each planted center in its own cluster");
        }
        try (Predictor ll = load(algorithms, "linear-learner", "boto-linear")) {
            Random held = new Random(80);
            StringBuilder rows = new StringBuilder();
            double[] ys = new double[300];
            double mean = 0;
            for (int i = 0; i < ys.length; i++) {
                double a = held.nextGaussian();
                double b = held.nextGaussian();
                ys[i] = 3 * a + 2 * b - 1 + 0.3 * held.nextGaussian();
                mean += ys[i] / ys.length;
                rows.append(f(a)).append(',').append(f(b)).append('\n');
            }
            JsonNode predictions = ask(ll, rows.toString()).get("predictions");
            double ssRes = 0;
            double ssTot = 0;
            for (int i = 0; i < ys.length; i++) {
                double e = ys[i] - predictions.get(i).get("score").asDouble();
                ssRes += e * e;
                ssTot += (ys[i] - mean) * (ys[i] - mean);
            }
            assertTrue(1 - ssRes / ssTot >= 0.9, "R² " + (1 - ssRes / ssTot));
        }
        try (Predictor rcf = load(algorithms, "randomcutforest", "boto-rcf")) {
            JsonNode scores = ask(rcf, "0.1,-0.2\n0.5,0.4\n-0.3,0.2\n7,-7\n9,9\n").get("scores");
            double normalMax = Math.max(scores.get(0).get("score").asDouble(), Math.max(scores.get(1).get("score").asDouble(),
                    scores.get(2).get("score").asDouble()));
            assertTrue(scores.get(3).get("score").asDouble() > normalMax && scores.get(4).get("score").asDouble() > normalMax, scores.toString());
        }
    }

    private Predictor load(Algorithms algorithms, String image, String job) throws Exception {
        Path dir = Files.createDirectories(work.resolve(job + "-model"));
        SageMakerTrainingIT.untar(Files.readAllBytes(work.resolve(job + ".tar.gz")), dir);
        return algorithms.forImage(image).orElseThrow().load(dir);
    }

    private static JsonNode ask(Predictor p, String csv) throws Exception {
        return JSON.readTree(p.predict(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "application/json").body());
    }
}
