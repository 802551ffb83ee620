package io.haneul.sagemaker.algorithms.knn;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * AWS's k-NN (image {@code knn}): the model is a uniform sample of {@code sample_size} labelled training
 * records; a query's {@code k} nearest by {@code index_metric} (L2, INNER_PRODUCT or COSINE; an exact
 * search, what AWS's {@code faiss.Flat} index does) vote (classifier: the most frequent label, ties to the
 * smallest) or are averaged (regressor). A labelled {@code test} channel gives {@code test:accuracy} or
 * {@code test:mse}. Endpoints answer {@code {"predictions":[{"predicted_label": ...}]}}.
 */
public final class KnnAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("feature_dim", 1, 2_000_000)
            .requiredInteger("k", 1, 1024)
            .requiredCategorical("predictor_type", "classifier", "regressor")
            .requiredInteger("sample_size", 1, Integer.MAX_VALUE)
            .integer("dimension_reduction_target", 1, Integer.MAX_VALUE, null)
            .categorical("dimension_reduction_type", null, "sign", "fjlt")
            .text("faiss_index_ivf_nlists", "auto")
            .text("faiss_index_pq_m", null)
            .categorical("index_metric", "L2", "L2", "INNER_PRODUCT", "COSINE")
            .categorical("index_type", "faiss.Flat", "faiss.Flat", "faiss.IVFFlat", "faiss.IVFPQ")
            .integer("mini_batch_size", 1, Integer.MAX_VALUE, "5000");

    @Override
    public String name() {
        return "knn";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        return RULES.validate(hyperParameters);
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        int dim = Integer.parseInt(hps.get("feature_dim"));
        Dataset train = FirstPartyChannels.read(request, "train", true, true, dim);
        int sample = Math.min(train.rows(), Integer.parseInt(hps.get("sample_size")));
        List<Integer> rows = new ArrayList<>(train.rows());
        for (int r = 0; r < train.rows(); r++) {
            rows.add(r);
        }
        java.util.Collections.shuffle(rows, new Random(13));
        ObjectNode model = ModelFiles.create(name());
        model.put("k", Integer.parseInt(hps.get("k")));
        model.put("predictor_type", hps.get("predictor_type"));
        model.put("index_metric", hps.get("index_metric"));
        ArrayNode points = model.putArray("points");
        ArrayNode labels = model.putArray("labels");
        double[][] x = new double[sample][];
        double[] y = new double[sample];
        for (int i = 0; i < sample; i++) {
            x[i] = train.row(rows.get(i));
            y[i] = train.labels()[rows.get(i)];
            points.add(ModelFiles.array(x[i]));
            labels.add(y[i]);
        }
        request.metrics().log("Sampled " + sample + " of " + train.rows() + " training records");
        Dataset test = FirstPartyChannels.read(request, "test", false, true, dim);
        if (test != null) {
            Index index = new Index(x, y, Integer.parseInt(hps.get("k")), hps.get("predictor_type"), hps.get("index_metric"));
            double total = 0;
            for (int r = 0; r < test.rows(); r++) {
                double p = index.predict(test.row(r));
                double t = test.labels()[r];
                total += hps.get("predictor_type").equals("classifier") ? (p == t ? 1 : 0) : (p - t) * (p - t);
            }
            request.metrics().metric(hps.get("predictor_type").equals("classifier") ? "test:accuracy" : "test:mse", total / test.rows());
        }
        ModelFiles.write(request.modelDir(), model);
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode model = ModelFiles.read(modelDir, name());
        List<double[]> points = new ArrayList<>();
        model.get("points").forEach(p -> points.add(ModelFiles.doubles(p)));
        Index index = new Index(points.toArray(double[][]::new), ModelFiles.doubles(model.get("labels")), model.get("k").asInt(),
                model.get("predictor_type").asText(), model.get("index_metric").asText());
        int width = points.isEmpty() ? 0 : points.getFirst().length;
        return (body, contentType, accept) -> {
            String type = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv", "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, width);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < data.rows(); r++) {
                double label = index.predict(data.row(r));
                records.add(Answers.record().put("predicted_label", label));
                lines.add(Answers.number((float) label));
            }
            return Answers.write(type, records, lines);
        };
    }

    /** Exact nearest-neighbour search over the sample. */
    private record Index(double[][] x, double[] y, int k, String predictorType, String metric) {

        double predict(double[] q) {
            PriorityQueue<double[]> nearest = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
            for (int i = 0; i < x.length; i++) {
                nearest.add(new double[] {distance(q, x[i]), y[i]});
                if (nearest.size() > k) {
                    nearest.poll();
                }
            }
            if (predictorType.equals("regressor")) {
                return nearest.stream().mapToDouble(n -> n[1]).average().orElse(Double.NaN);
            }
            Map<Double, Integer> votes = new HashMap<>();
            nearest.forEach(n -> votes.merge(n[1], 1, Integer::sum));
            return votes.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue()) ? Double.compare(b.getKey(), a.getKey())
                    : Integer.compare(a.getValue(), b.getValue())).orElseThrow().getKey();
        }

        private double distance(double[] a, double[] b) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            double l2 = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
                l2 += (a[i] - b[i]) * (a[i] - b[i]);
            }
            return switch (metric) {
                case "INNER_PRODUCT" -> -dot;
                case "COSINE" -> 1 - dot / Math.max(1e-12, Math.sqrt(na * nb));
                default -> l2;
            };
        }
    }
}
