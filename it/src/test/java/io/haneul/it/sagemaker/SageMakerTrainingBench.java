package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import io.haneul.sagemaker.algorithms.MetricSink;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import io.haneul.sagemaker.algorithms.kmeans.KMeansAlgorithm;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput (rows per second) through a SageMaker training job against the library called directly on the same
 * data in the same JVM: XGBoost against XGBoost4J (the direct side parses the label-first CSV into floats, builds the DMatrix
 * and trains), k-means against the algorithm's own {@code train} on a local copy of the file (k-means is Haneul's own code, so
 * that side is what the job adds around it). The job side is timed from CreateTrainingJob to Completed as the client sees it
 * (download from S3, parse, train, model.tar.gz upload; the CSV is in S3 before the clock starts), polling every 20 ms. Rounds
 * alternate direct and job so that drifting load touches both alike. Each prints wall seconds, rows/s and this process's CPU
 * seconds (the server runs in it). Arguments: rows, features, XGBoost num_round, rounds.
 */
public final class SageMakerTrainingBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int numRound = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        byte[] labelled = labelledCsv(rows, features, 7);
        byte[] unlabelled = withoutLabels(labelled);
        Map<String, String> xgb = Map.of("objective", "binary:logistic", "num_round", String.valueOf(numRound), "max_depth", "6",
                "eta", "0.3", "tree_method", "hist");
        Map<String, String> kmeans = Map.of("k", "10", "feature_dim", String.valueOf(features), "mini_batch_size", "1000");
        Path work = Files.createTempDirectory("sm-train-bench");
        try (TestServer server = TestServer.start(); SageMakerClients c = new SageMakerClients(server)) {
            compare("xgboost", rows, rounds, c, SageMakerClients.XGBOOST, labelled, xgb, () -> direct(labelled, features, xgb, numRound));
            Path file = Files.write(work.resolve("train.csv"), unlabelled);
            compare("kmeans", rows, rounds, c, KMEANS, unlabelled, kmeans, () -> kmeansDirect(file, work, kmeans));
        }
    }

    static final String KMEANS = "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1";

    @FunctionalInterface
    interface Run {
        void run() throws Exception;
    }

    /** Alternates the direct run and the training job {@code rounds} times after one warm-up of each; prints both and their ratio. */
    private static void compare(String algorithm, int rows, int rounds, SageMakerClients c, String image, byte[] csv, Map<String, String> hps,
                                Run direct) throws Exception {
        String bucket = c.bucket("bench-" + algorithm);
        c.s3.putObject(b -> b.bucket(bucket).key("train/train.csv"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(csv));
        double[] directWall = new double[rounds];
        double[] directCpu = new double[rounds];
        double[] jobWall = new double[rounds];
        double[] jobCpu = new double[rounds];
        direct.run(); // warm-up: JIT and native libraries
        runJob(c, bucket, image, hps);
        for (int r = 0; r < rounds; r++) {
            long cpu = cpuNanos();
            long t = System.nanoTime();
            direct.run();
            directWall[r] = (System.nanoTime() - t) / 1e9;
            directCpu[r] = (cpuNanos() - cpu) / 1e9;
            cpu = cpuNanos();
            t = System.nanoTime();
            runJob(c, bucket, image, hps);
            jobWall[r] = (System.nanoTime() - t) / 1e9;
            jobCpu[r] = (cpuNanos() - cpu) / 1e9;
            System.out.printf("ROUND %s %d direct_s=%.3f direct_cpu_s=%.3f job_s=%.3f job_cpu_s=%.3f%n", algorithm, r, directWall[r],
                    directCpu[r], jobWall[r], jobCpu[r]);
        }
        report(algorithm + "-direct", rows, directWall, directCpu);
        report(algorithm + "-training-job", rows, jobWall, jobCpu);
        System.out.printf("RESULT %s job_over_direct_rows_per_s=%.3f job_over_direct_by_cpu=%.3f%n", algorithm,
                median(directWall) / median(jobWall), median(directCpu) / median(jobCpu));
    }

    /** The algorithm's own training on a local copy of the file, as the job's runner calls it after the download. */
    private static void kmeansDirect(Path file, Path work, Map<String, String> hps) throws Exception {
        Path model = Files.createTempDirectory(work, "model");
        KMeansAlgorithm algorithm = new KMeansAlgorithm();
        algorithm.train(new TrainingRequest(algorithm.validated(hps), Map.of("train", new TrainingRequest.Channel("train", List.of(file),
                "text/csv")), model, null, new MetricSink() {
            @Override
            public void metric(String name, double value) {
            }

            @Override
            public void log(String line) {
            }
        }, () -> false));
    }

    private static byte[] withoutLabels(byte[] labelled) {
        StringBuilder sb = new StringBuilder(labelled.length);
        for (String line : new String(labelled, StandardCharsets.UTF_8).split("\n")) {
            sb.append(line, line.indexOf(',') + 1, line.length()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void runJob(SageMakerClients c, String bucket, String image, Map<String, String> hps) throws InterruptedException {
        String name = SageMakerClients.name("bench");
        c.sm.createTrainingJob(SageMakerClients.job(name, image, bucket, hps, false, b -> { }));
        for (;;) {
            DescribeTrainingJobResponse d = c.sm.describeTrainingJob(b -> b.trainingJobName(name));
            String status = d.trainingJobStatusAsString();
            if (status.equals("Completed")) {
                return;
            }
            if (!status.equals("InProgress")) {
                throw new IllegalStateException("job " + name + " ended " + status + ": " + d.failureReason());
            }
            Thread.sleep(20);
        }
    }

    /** What a user calling the library does with the same file: parse the label-first CSV, build the matrix, train. */
    private static void direct(byte[] csv, int features, Map<String, String> hps, int numRound) throws Exception {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        float[] values = new float[lines.length * features];
        float[] labels = new float[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            labels[i] = Float.parseFloat(cells[0]);
            for (int j = 0; j < features; j++) {
                values[i * features + j] = Float.parseFloat(cells[j + 1]);
            }
        }
        DMatrix train = new DMatrix(values, lines.length, features, Float.NaN);
        train.setLabel(labels);
        Map<String, Object> params = new HashMap<>(hps);
        params.remove("num_round");
        Booster booster = XGBoost.train(train, params, numRound, Map.of(), null, null);
        booster.toByteArray("ubj");
        booster.dispose();
        train.dispose();
    }

    /** Label 1 when the first half of the features sums above its mean, with 5% of labels flipped. */
    static byte[] labelledCsv(int rows, int features, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(rows * features * 8);
        float[] row = new float[features];
        for (int i = 0; i < rows; i++) {
            float sum = 0;
            for (int j = 0; j < features; j++) {
                row[j] = random.nextFloat();
                sum += j < (features + 1) / 2 ? row[j] : 0;
            }
            boolean label = sum > (features + 1) / 2 * 0.5f;
            if (random.nextDouble() < 0.05) {
                label = !label;
            }
            sb.append(label ? '1' : '0');
            for (float v : row) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void report(String target, int rows, double[] wall, double[] cpu) {
        System.out.printf("RESULT target=%s rows=%d median_s=%.3f rows_per_s=%.0f median_cpu_s=%.3f rows_per_cpu_s=%.0f%n", target, rows,
                median(wall), rows / median(wall), median(cpu), rows / median(cpu));
    }
}
