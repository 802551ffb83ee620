package io.haneul.sagemaker.algorithms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XgboostAlgorithmTest {

    private final Algorithm xgboost = BuiltInAlgorithms.create().forImage(
            "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1").orElseThrow();

    /** Two features, label 1 when x + y > 0 (with a margin so the set is separable). */
    private static String separable(Random random, int rows, boolean label, boolean libsvm) {
        StringBuilder out = new StringBuilder();
        int written = 0;
        while (written < rows) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            if (Math.abs(x + y) < 0.1) {
                continue;
            }
            int cls = x + y > 0 ? 1 : 0;
            if (libsvm) {
                out.append(cls).append(" 0:").append(x).append(" 1:").append(y).append('\n');
            } else {
                out.append(label ? cls + "," : "").append(x).append(',').append(y).append('\n');
            }
            written++;
        }
        return out.toString();
    }

    @Test
    void trainsBinaryClassifierThatScoresHeldOutRows(@TempDir Path dir) throws Exception {
        TrainingFixtures f = new TrainingFixtures();
        Random random = new Random(7);
        TrainingRequest request = f.request(dir, Map.of("num_round", "30", "objective", "binary:logistic", "eval_metric", "error,logloss"),
                TrainingFixtures.channel(dir, "train", "text/csv", separable(random, 600, true, false)),
                TrainingFixtures.channel(dir, "validation", "text/csv", separable(random, 200, true, false)));
        xgboost.train(request);

        assertTrue(Files.size(request.modelDir().resolve("xgboost-model")) > 0);
        assertEquals(30, f.metrics.get("validation:logloss").size());
        assertTrue(f.last("train:error") < 0.05, "train error " + f.last("train:error"));

        Random heldOut = new Random(99);
        int correct = 0;
        int total = 400;
        StringBuilder rows = new StringBuilder();
        int[] truth = new int[total];
        for (int i = 0; i < total; i++) {
            String line = separable(heldOut, 1, true, false).strip();
            truth[i] = line.charAt(0) - '0';
            rows.append(line.substring(2)).append('\n');
        }
        try (Predictor predictor = xgboost.load(request.modelDir())) {
            Predictor.Prediction answer = predictor.predict(rows.toString().getBytes(StandardCharsets.UTF_8), "text/csv", "text/csv");
            assertEquals("text/csv", answer.contentType());
            String[] scores = new String(answer.body(), StandardCharsets.UTF_8).strip().split("\n");
            assertEquals(total, scores.length);
            for (int i = 0; i < total; i++) {
                if ((Double.parseDouble(scores[i]) > 0.5 ? 1 : 0) == truth[i]) {
                    correct++;
                }
            }
            assertTrue(correct >= 0.95 * total, "accuracy " + correct + "/" + total);

            JsonNode json = new ObjectMapper().readTree(predictor.predict("2.0,2.0\n-2,-2".getBytes(StandardCharsets.UTF_8),
                    "text/csv", "application/json").body());
            assertTrue(json.at("/predictions/0/score").asDouble() > 0.5);
            assertTrue(json.at("/predictions/1/score").asDouble() < 0.5);

            AlgorithmException wrongWidth = assertThrows(AlgorithmException.class,
                    () -> predictor.predict("1,2,3".getBytes(StandardCharsets.UTF_8), "text/csv", "text/csv"));
            assertTrue(wrongWidth.clientError());
        }
    }

    @Test
    void trainsOnLibsvmAndPredictsLibsvm(@TempDir Path dir) throws Exception {
        TrainingFixtures f = new TrainingFixtures();
        TrainingRequest request = f.request(dir, Map.of("num_round", "10", "objective", "binary:logistic"),
                TrainingFixtures.channel(dir, "train", null, separable(new Random(3), 400, true, true)));
        xgboost.train(request);
        assertTrue(f.metrics.containsKey("train:logloss"), f.metrics.keySet().toString());
        try (Predictor predictor = xgboost.load(request.modelDir())) {
            String answer = new String(predictor.predict("0 0:2 1:2\n0:-2 1:-2\n".getBytes(StandardCharsets.UTF_8),
                    "text/libsvm", null).body(), StandardCharsets.UTF_8);
            String[] lines = answer.strip().split("\n");
            assertTrue(Double.parseDouble(lines[0]) > 0.5 && Double.parseDouble(lines[1]) < 0.5, answer);
        }
    }

    @Test
    void rejectsBadHyperparametersAndData(@TempDir Path dir) throws Exception {
        AlgorithmException missing = assertThrows(AlgorithmException.class, () -> xgboost.validated(Map.of("eta", "0.1")));
        assertEquals("Missing required hyperparameter: num_round", missing.getMessage());
        assertThrows(AlgorithmException.class, () -> xgboost.validated(Map.of("num_round", "10", "eta", "2")));
        assertThrows(AlgorithmException.class, () -> xgboost.validated(Map.of("num_round", "10", "objective", "multi:softmax")));
        assertEquals("6", xgboost.validated(Map.of("num_round", "10")).get("max_depth"));

        TrainingFixtures f = new TrainingFixtures();
        TrainingRequest bad = f.request(dir, Map.of("num_round", "3"),
                TrainingFixtures.channel(dir, "train", "text/csv", "label,x\n1,2\n"));
        AlgorithmException data = assertThrows(AlgorithmException.class, () -> xgboost.train(bad));
        assertTrue(data.clientError());
        assertTrue(data.getMessage().contains("line 1"), data.getMessage());
    }
}
