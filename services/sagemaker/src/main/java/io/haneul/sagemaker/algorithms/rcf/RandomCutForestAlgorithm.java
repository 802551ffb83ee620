package io.haneul.sagemaker.algorithms.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * AWS's Random Cut Forest (image {@code randomcutforest}) on AWS's own randomcutforest-core library:
 * {@code num_trees} trees, each over a uniform sample of {@code num_samples_per_tree} training records.
 * A labelled {@code test} channel (text/csv;label_size=1) gives {@code test:precision}, {@code test:recall}
 * and {@code test:f1} at a threshold of three standard deviations above the mean training score, as
 * AWS's container reports them. Endpoints answer {@code {"scores":[{"score": ...}]}}.
 */
public final class RandomCutForestAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("feature_dim", 1, 10_000)
            .text("eval_metrics", null)
            .integer("num_samples_per_tree", 1, 2048, "256")
            .integer("num_trees", 50, 1000, "100");

    @Override
    public String name() {
        return "randomcutforest";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        return RULES.validate(hyperParameters);
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        int dim = Integer.parseInt(hps.get("feature_dim"));
        Dataset train = FirstPartyChannels.read(request, "train", true, false, dim);
        int samples = Integer.parseInt(hps.get("num_samples_per_tree"));
        RandomCutForest forest = RandomCutForest.builder().dimensions(dim).numberOfTrees(Integer.parseInt(hps.get("num_trees")))
                .sampleSize(samples).timeDecay(0.0).outputAfter(1).randomSeed(42).build();
        List<Integer> shuffled = new ArrayList<>(train.rows());
        for (int r = 0; r < train.rows(); r++) {
            shuffled.add(r);
        }
        java.util.Collections.shuffle(shuffled, new Random(7));
        for (int i = 0; i < shuffled.size(); i++) {
            if (i % 1000 == 0 && request.stopRequested().getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            forest.update(train.row(shuffled.get(i)));
        }
        double sum = 0;
        double sum2 = 0;
        for (int r = 0; r < train.rows(); r++) {
            double s = forest.getAnomalyScore(train.row(r));
            sum += s;
            sum2 += s * s;
        }
        double mean = sum / train.rows();
        double sd = Math.sqrt(Math.max(0, sum2 / train.rows() - mean * mean));
        double threshold = mean + 3 * sd;
        request.metrics().log("Training score mean " + mean + ", standard deviation " + sd + ", threshold " + threshold);
        TrainingRequest.Channel test = request.channels().get("test");
        if (test != null) {
            Dataset data = FirstPartyChannels.read(request, "test", false, true, dim);
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int r = 0; r < data.rows(); r++) {
                boolean anomaly = forest.getAnomalyScore(data.row(r)) > threshold;
                boolean truth = data.labels()[r] == 1;
                tp += anomaly && truth ? 1 : 0;
                fp += anomaly && !truth ? 1 : 0;
                fn += !anomaly && truth ? 1 : 0;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            request.metrics().metric("test:precision", precision);
            request.metrics().metric("test:recall", recall);
            request.metrics().metric("test:f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveExecutorContextEnabled(true);
        ObjectNode model = ModelFiles.create(name());
        model.put("feature_dim", dim);
        model.set("forest", ModelFiles.json().valueToTree(mapper.toState(forest)));
        ModelFiles.write(request.modelDir(), model);
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode model = ModelFiles.read(modelDir, name());
        int dim = model.get("feature_dim").asInt();
        RandomCutForest forest;
        try {
            forest = new RandomCutForestMapper().toModel(ModelFiles.json().treeToValue(model.get("forest"), RandomCutForestState.class));
        } catch (IOException | RuntimeException e) {
            throw AlgorithmException.client("Unable to load the random cut forest: " + e.getMessage());
        }
        return (body, contentType, accept) -> {
            String type = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv", "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, dim);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            synchronized (forest) {
                for (int r = 0; r < data.rows(); r++) {
                    double score = forest.getAnomalyScore(data.row(r));
                    records.add(Answers.record().put("score", score));
                    lines.add(Double.toString(score));
                }
            }
            if (type.equals("application/json")) {
                ObjectNode root = Answers.record();
                root.putArray("scores").addAll(records);
                return new Predictor.Prediction(root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
            }
            return Answers.write(type, records, lines);
        };
    }
}
