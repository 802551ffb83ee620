package io.haneul.sagemaker.algorithms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** k-means, linear learner, random cut forest and PCA on generated data with a known answer. */
class FirstPartyAlgorithmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Algorithms algorithms = BuiltInAlgorithms.create();

    private Algorithm of(String image) {
        return algorithms.forImage(image).orElseThrow();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }

    private static JsonNode ask(Predictor p, String csv) throws AlgorithmException, java.io.IOException {
        return JSON.readTree(p.predict(csv.getBytes(StandardCharsets.UTF_8), "text/csv", "application/json").body());
    }

    @Test
    void kmeansRecoversPlantedClusters(@TempDir Path dir) throws Exception {
        double[][] centers = {{0, 0}, {10, 10}, {-10, 8}};
        Random random = new Random(5);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            double[] c = centers[i % 3];
            train.append(f(c[0] + random.nextGaussian())).append(',').append(f(c[1] + random.nextGaussian())).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("k", "3", "feature_dim", "2"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()));
        Algorithm kmeans = of("382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1");
        kmeans.train(request);
        assertTrue(fx.last("train:msd") < 2.5, "msd " + fx.last("train:msd"));
        try (Predictor p = kmeans.load(request.modelDir())) {
            Set<Integer> clusters = new HashSet<>();
            for (double[] c : centers) {
                JsonNode answer = ask(p, f(c[0]) + "," + f(c[1]));
                clusters.add(answer.at("/predictions/0/closest_cluster").asInt());
                assertTrue(answer.at("/predictions/0/distance_to_cluster").asDouble() < 0.5, answer.toString());
            }
            assertEquals(3, clusters.size(), "each planted center has its own cluster");
        }
        AlgorithmException wrongDim = assertThrows(AlgorithmException.class, () -> kmeans.train(fx.request(dir.resolve("x"),
                Map.of("k", "3", "feature_dim", "5"), TrainingFixtures.channel(dir, "train", "text/csv", train.toString()))));
        assertTrue(wrongDim.getMessage().contains("feature_dim"), wrongDim.getMessage());
    }

    @Test
    void linearLearnerRegressorFitsALinearSet(@TempDir Path dir) throws Exception {
        Random random = new Random(9);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            double a = random.nextGaussian() * 3;
            double b = random.nextGaussian() * 2;
            double y = 4 * a - 2.5 * b + 7 + random.nextGaussian() * 0.5;
            train.append(f(y)).append(',').append(f(a)).append(',').append(f(b)).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("predictor_type", "regressor", "feature_dim", "2"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()));
        Algorithm ll = of("382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1");
        ll.train(request);
        assertTrue(fx.last("train:rmse") < 0.6, "rmse " + fx.last("train:rmse"));
        try (Predictor p = ll.load(request.modelDir())) {
            Random held = new Random(10);
            double ssRes = 0;
            double ssTot = 0;
            double[] ys = new double[200];
            double[] preds = new double[200];
            double meanY = 0;
            for (int i = 0; i < 200; i++) {
                double a = held.nextGaussian() * 3;
                double b = held.nextGaussian() * 2;
                ys[i] = 4 * a - 2.5 * b + 7 + held.nextGaussian() * 0.5;
                preds[i] = ask(p, f(a) + "," + f(b)).at("/predictions/0/score").asDouble();
                meanY += ys[i] / 200;
            }
            for (int i = 0; i < 200; i++) {
                ssRes += (ys[i] - preds[i]) * (ys[i] - preds[i]);
                ssTot += (ys[i] - meanY) * (ys[i] - meanY);
            }
            double r2 = 1 - ssRes / ssTot;
            assertTrue(r2 >= 0.9, "R² " + r2);
        }
    }

    @Test
    void linearLearnerBinaryClassifierSeparatesClasses(@TempDir Path dir) throws Exception {
        Random random = new Random(3);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            train.append(a - b > 0 ? 1 : 0).append(',').append(f(a)).append(',').append(f(b)).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("predictor_type", "binary_classifier"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()),
                TrainingFixtures.channel(dir, "validation", "text/csv", train.toString()));
        Algorithm ll = of("linear-learner");
        ll.train(request);
        assertTrue(fx.last("validation:binary_classification_accuracy") > 0.97, fx.metrics.toString());
        try (Predictor p = ll.load(request.modelDir())) {
            JsonNode answer = ask(p, "2,-2\n-2,2");
            assertEquals(1, answer.at("/predictions/0/predicted_label").asInt());
            assertEquals(0, answer.at("/predictions/1/predicted_label").asInt());
            assertTrue(answer.at("/predictions/0/score").asDouble() > 0.9);
        }
        AlgorithmException noType = assertThrows(AlgorithmException.class, () -> ll.validated(Map.of()));
        assertEquals("Missing required hyperparameter: predictor_type", noType.getMessage());
    }

    @Test
    void randomCutForestScoresPlantedAnomaliesHighest(@TempDir Path dir) throws Exception {
        Random random = new Random(21);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            train.append(f(random.nextGaussian())).append(',').append(f(random.nextGaussian())).append(',')
                    .append(f(random.nextGaussian())).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("feature_dim", "3", "num_trees", "50", "num_samples_per_tree", "256"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()));
        Algorithm rcf = of("382416733822.dkr.ecr.us-east-1.amazonaws.com/randomcutforest:1");
        rcf.train(request);
        try (Predictor p = rcf.load(request.modelDir())) {
            StringBuilder probe = new StringBuilder();
            Random normal = new Random(22);
            for (int i = 0; i < 50; i++) {
                probe.append(f(normal.nextGaussian())).append(',').append(f(normal.nextGaussian())).append(',')
                        .append(f(normal.nextGaussian())).append('\n');
            }
            probe.append("8,8,8\n-9,7,-8\n");
            JsonNode scores = ask(p, probe.toString()).get("scores");
            assertEquals(52, scores.size());
            double maxNormal = 0;
            for (int i = 0; i < 50; i++) {
                maxNormal = Math.max(maxNormal, scores.get(i).get("score").asDouble());
            }
            assertTrue(scores.get(50).get("score").asDouble() > maxNormal, scores.toString());
            assertTrue(scores.get(51).get("score").asDouble() > maxNormal, scores.toString());
        }
    }

    @Test
    void pcaFindsTheDirectionOfLargestVariance(@TempDir Path dir) throws Exception {
        Random random = new Random(4);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            double t = random.nextGaussian() * 5;
            double n = random.nextGaussian() * 0.1;
            train.append(f(t + n)).append(',').append(f(t - n)).append(',').append(f(random.nextGaussian() * 0.1)).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("feature_dim", "3", "num_components", "1", "mini_batch_size", "100"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()));
        Algorithm pca = of("pca");
        pca.train(request);
        try (Predictor p = pca.load(request.modelDir())) {
            JsonNode a = ask(p, "1,1,0\n1,-1,0");
            double along = Math.abs(a.at("/projections/0/projection/0").asDouble());
            double across = Math.abs(a.at("/projections/1/projection/0").asDouble());
            assertTrue(along > 1.3 && across < 0.1, a.toString());
        }
        Map<String, String> tooMany = new HashMap<>(Map.of("feature_dim", "3", "num_components", "4", "mini_batch_size", "1"));
        assertThrows(AlgorithmException.class, () -> pca.validated(tooMany));
    }

    @Test
    void knnClassifiesByItsNearestTrainingRecords(@TempDir Path dir) throws Exception {
        Random random = new Random(6);
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            int label = i % 3;
            double cx = label * 6;
            String row = label + "," + f(cx + random.nextGaussian()) + "," + f(random.nextGaussian()) + "\n";
            (i < 450 ? train : test).append(row);
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("feature_dim", "2", "k", "5", "predictor_type", "classifier", "sample_size", "300"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()),
                TrainingFixtures.channel(dir, "test", "text/csv", test.toString()));
        Algorithm knn = of("382416733822.dkr.ecr.us-east-1.amazonaws.com/knn:1");
        knn.train(request);
        assertTrue(fx.last("test:accuracy") > 0.95, fx.metrics.toString());
        try (Predictor p = knn.load(request.modelDir())) {
            JsonNode a = ask(p, "0.1,0\n6.2,0.3\n11.8,-0.2");
            assertEquals(0, a.at("/predictions/0/predicted_label").asInt());
            assertEquals(1, a.at("/predictions/1/predicted_label").asInt());
            assertEquals(2, a.at("/predictions/2/predicted_label").asInt());
        }
        assertThrows(AlgorithmException.class, () -> knn.validated(Map.of("feature_dim", "2", "k", "5", "predictor_type", "classifier")));
    }

    @Test
    void factorizationMachinesLearnAnInteraction(@TempDir Path dir) throws Exception {
        // label 1 when features 0 and 1 are both on: an interaction a linear model cannot express
        Random random = new Random(12);
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            int a = random.nextInt(2);
            int b = random.nextInt(2);
            int c = random.nextInt(2);
            train.append(a * b).append(',').append(a).append(',').append(b).append(',').append(c).append('\n');
        }
        TrainingFixtures fx = new TrainingFixtures();
        TrainingRequest request = fx.request(dir, Map.of("feature_dim", "3", "num_factors", "4", "predictor_type", "binary_classifier",
                        "epochs", "60", "mini_batch_size", "100", "linear_lr", "0.05", "factors_lr", "0.05", "factors_init_sigma", "0.1"),
                TrainingFixtures.channel(dir, "train", "text/csv", train.toString()));
        Algorithm fm = of("382416733822.dkr.ecr.us-east-1.amazonaws.com/factorization-machines:1");
        fm.train(request);
        assertTrue(fx.last("train:binary_classification_accuracy") > 0.99, fx.metrics.toString());
        try (Predictor p = fm.load(request.modelDir())) {
            JsonNode a = ask(p, "1,1,0\n1,0,1\n0,1,1\n0,0,0");
            assertEquals(1, a.at("/predictions/0/predicted_label").asInt(), a.toString());
            for (int i = 1; i < 4; i++) {
                assertEquals(0, a.at("/predictions/" + i + "/predicted_label").asInt(), a.toString());
            }
        }
    }
}
