package io.haneul.sagemaker.algorithms.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.Algorithm;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import io.haneul.sagemaker.algorithms.data.Answers;
import io.haneul.sagemaker.algorithms.data.Dataset;
import io.haneul.sagemaker.algorithms.data.FirstPartyChannels;
import io.haneul.sagemaker.algorithms.data.HyperParameterRules;
import io.haneul.sagemaker.algorithms.data.InferenceInput;
import io.haneul.sagemaker.algorithms.data.ModelFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * AWS's k-means (image {@code kmeans}): k-means++ seeding and Lloyd iterations (compact own code), the
 * best of {@code local_lloyd_num_trials} runs by sum of squared distances. Reports {@code train:msd}
 * and, with a {@code test} channel, {@code test:msd} / {@code test:ssd} as AWS names them. Endpoints
 * answer {@code closest_cluster} and {@code distance_to_cluster} per record.
 */
public final class KMeansAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("feature_dim", 1, Integer.MAX_VALUE)
            .requiredInteger("k", 1, Integer.MAX_VALUE)
            .integer("mini_batch_size", 1, Integer.MAX_VALUE, "5000")
            .integer("epochs", 1, Integer.MAX_VALUE, "1")
            .categorical("init_method", "random", "random", "kmeans++")
            .integer("local_lloyd_max_iter", 1, Integer.MAX_VALUE, "300")
            .continuous("local_lloyd_tol", 0, 1, "0.0001")
            .text("local_lloyd_num_trials", "auto")
            .categorical("local_lloyd_init_method", "kmeans++", "random", "kmeans++")
            .integer("half_life_time_size", 0, Integer.MAX_VALUE, "0")
            .text("eval_metrics", "[\"msd\"]")
            .text("extra_center_factor", "auto")
            .text("center_factor", "auto");

    @Override
    public String name() {
        return "kmeans";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        Map<String, String> out = RULES.validate(hyperParameters);
        String trials = out.get("local_lloyd_num_trials");
        if (!trials.equals("auto")) {
            try {
                if (Integer.parseInt(trials) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw AlgorithmException.client("Hyperparameter local_lloyd_num_trials: value " + trials + " is not 'auto' or a positive integer");
            }
        }
        return out;
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        int k = Integer.parseInt(hps.get("k"));
        Integer dim = FirstPartyChannels.featureDim(hps);
        Dataset train = FirstPartyChannels.read(request, "train", true, false, dim);
        if (train.rows() < k) {
            throw AlgorithmException.client("Customer Error: the train channel has " + train.rows() + " records, fewer than k=" + k);
        }
        double[][] points = new double[train.rows()][];
        for (int r = 0; r < train.rows(); r++) {
            points[r] = train.row(r);
        }
        int trials = hps.get("local_lloyd_num_trials").equals("auto") ? 5 : Integer.parseInt(hps.get("local_lloyd_num_trials"));
        int maxIter = Integer.parseInt(hps.get("local_lloyd_max_iter"));
        double tol = Double.parseDouble(hps.get("local_lloyd_tol"));
        boolean plusPlus = hps.get("local_lloyd_init_method").equals("kmeans++");
        Random random = new Random(17);
        double[][] best = null;
        double bestSsd = Double.POSITIVE_INFINITY;
        for (int t = 0; t < trials; t++) {
            if (request.stopRequested().getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            double[][] centers = Lloyd.run(points, plusPlus ? Lloyd.plusPlus(points, k, random) : Lloyd.randomPick(points, k, random),
                    maxIter, tol, request.stopRequested());
            double ssd = Lloyd.ssd(points, centers);
            request.metrics().log("#trial " + t + ": ssd " + ssd);
            if (ssd < bestSsd) {
                bestSsd = ssd;
                best = centers;
            }
        }
        request.metrics().metric("train:msd", bestSsd / points.length);
        request.metrics().log("#train_score (algo-1) : ('msd', " + bestSsd / points.length + ")");
        Dataset test = FirstPartyChannels.read(request, "test", false, false, dim);
        if (test != null) {
            double[][] testPoints = new double[test.rows()][];
            for (int r = 0; r < test.rows(); r++) {
                testPoints[r] = test.row(r);
            }
            double ssd = Lloyd.ssd(testPoints, best);
            request.metrics().metric("test:ssd", ssd);
            request.metrics().metric("test:msd", ssd / test.rows());
            request.metrics().log("#test_score (algo-1) : ('msd', " + ssd / test.rows() + ")");
        }
        ObjectNode model = ModelFiles.create(name());
        ArrayNode centers = model.putArray("centroids");
        for (double[] c : best) {
            centers.add(ModelFiles.array(c));
        }
        ModelFiles.write(request.modelDir(), model);
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode model = ModelFiles.read(modelDir, name());
        List<double[]> centers = new ArrayList<>();
        model.get("centroids").forEach(c -> centers.add(ModelFiles.doubles(c)));
        double[][] centroids = centers.toArray(double[][]::new);
        return (body, contentType, accept) -> {
            String type = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv", "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, centroids[0].length);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < data.rows(); r++) {
                double[] p = data.row(r);
                int closest = Lloyd.closest(p, centroids);
                double distance = Math.sqrt(Lloyd.distance2(p, centroids[closest]));
                records.add(Answers.record().put("closest_cluster", (double) closest).put("distance_to_cluster", (float) distance));
                lines.add(closest + ".0," + Answers.number((float) distance));
            }
            return Answers.write(type, records, lines);
        };
    }
}
