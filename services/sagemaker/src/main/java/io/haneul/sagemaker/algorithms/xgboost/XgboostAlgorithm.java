package io.haneul.sagemaker.algorithms.xgboost;

import io.haneul.sagemaker.algorithms.Algorithm;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.algorithms.TrainingRequest;
import io.haneul.sagemaker.algorithms.data.DataFormat;
import io.haneul.sagemaker.algorithms.data.Dataset;
import io.haneul.sagemaker.algorithms.data.TextTables;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's built-in XGBoost (image {@code sagemaker-xgboost}) on XGBoost4J: the same library the
 * container runs, so the booster file {@code xgboost-model} it writes loads in the open-source
 * xgboost package. Trains round by round so that metrics ({@code train:<metric>},
 * {@code validation:<metric>}) are reported after each round and a stop request is honoured between rounds.
 * With a checkpoint directory, each round's booster is saved as {@code xgboost-checkpoint.<round>} (the
 * last five kept, as AWS's container does) and training resumes after the latest one found there.
 */
public final class XgboostAlgorithm implements Algorithm {

    /** The file AWS's XGBoost container writes into the model directory. */
    public static final String MODEL_FILE = "xgboost-model";

    @Override
    public String name() {
        return "xgboost";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        return XgboostHyperParameters.validate(hyperParameters);
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        TrainingRequest.Channel trainChannel = request.channels().get("train");
        if (trainChannel == null) {
            throw AlgorithmException.client("Channel 'train' is required for training");
        }
        boolean weighted = "1".equals(hps.get("csv_weights"));
        List<String> names = new ArrayList<>();
        List<DMatrix> matrices = new ArrayList<>();
        try {
            matrices.add(matrix(trainChannel, weighted));
            names.add("train");
            TrainingRequest.Channel validation = request.channels().get("validation");
            if (validation != null) {
                matrices.add(matrix(validation, weighted));
                names.add("validation");
            }
            request.metrics().log("[" + "train" + "] " + matrices.get(0).rowNum() + " rows");
            Trained trained = run(request, hps, matrices, names);
            try (OutputStream out = Files.newOutputStream(request.modelDir().resolve(MODEL_FILE))) {
                trained.booster().saveModel(out, "ubj");
            } finally {
                trained.booster().dispose();
            }
            if (trained.stopped()) {
                // as AWS's container, a stopped job keeps the model of the rounds it trained
                throw AlgorithmException.stopped();
            }
        } catch (XGBoostError e) {
            throw AlgorithmException.client("XGBoost failed: " + e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw AlgorithmException.internal("Writing the model failed: " + e.getMessage());
        } finally {
            matrices.forEach(DMatrix::dispose);
        }
    }

    /** The booster after the rounds that ran; stopped when a stop request cut the rounds short. */
    private record Trained(Booster booster, boolean stopped) {
    }

    private static Trained run(TrainingRequest request, Map<String, String> hps, List<DMatrix> matrices, List<String> names)
            throws XGBoostError, AlgorithmException {
        Map<String, Object> params = new HashMap<>();
        hps.forEach((k, v) -> {
            if (!XgboostHyperParameters.NOT_BOOSTER_PARAMETERS.contains(k)) {
                params.put(k, v);
            }
        });
        if ("reg:linear".equals(params.get("objective"))) {
            params.put("objective", "reg:squarederror");
        }
        if ("gpu_hist".equals(params.get("tree_method"))) {
            params.put("tree_method", "hist");
        }
        params.put("verbosity", "0");
        DMatrix train = matrices.get(0);
        Path checkpoints = request.checkpointDir();
        int first = 0;
        Booster booster;
        Path latest = checkpoints == null ? null : XgboostCheckpoints.latest(checkpoints);
        if (latest != null) {
            booster = XGBoost.loadModel(latest.toString());
            booster.setParams(params);
            first = XgboostCheckpoints.round(latest) + 1;
            request.metrics().log("Resuming from checkpoint " + latest.getFileName() + ": training continues at round " + first);
        } else {
            booster = XGBoost.train(train, params, 0, Map.of(), null, null);
        }
        for (String metric : XgboostHyperParameters.metrics(hps)) {
            booster.setParam("eval_metric", metric);
        }
        int rounds = Integer.parseInt(hps.get("num_round"));
        int patience = hps.containsKey("early_stopping_rounds") ? Integer.parseInt(hps.get("early_stopping_rounds")) : 0;
        DMatrix[] watches = matrices.toArray(DMatrix[]::new);
        String[] watchNames = names.toArray(String[]::new);
        double best = Double.NaN;
        int bestRound = 0;
        for (int round = first; round < rounds; round++) {
            if (request.stopRequested().getAsBoolean()) {
                if (round == first) {
                    booster.dispose();
                    throw AlgorithmException.stopped();
                }
                return new Trained(booster, true);
            }
            booster.update(train, round);
            if (checkpoints != null) {
                XgboostCheckpoints.save(booster, checkpoints, round);
            }
            String evaluation = booster.evalSet(watches, watchNames, round);
            request.metrics().log(evaluation);
            Map<String, Double> values = parseEvaluation(evaluation);
            values.forEach(request.metrics()::metric);
            if (patience > 0 && !values.isEmpty()) {
                Map.Entry<String, Double> watched = last(values);
                boolean maximize = maximize(watched.getKey());
                double value = watched.getValue();
                if (Double.isNaN(best) || (maximize ? value > best : value < best)) {
                    best = value;
                    bestRound = round;
                } else if (round - bestRound >= patience) {
                    request.metrics().log("Stopping. Best iteration:\n[" + bestRound + "]\t" + watched.getKey() + ":" + best);
                    break;
                }
            }
        }
        return new Trained(booster, false);
    }

    private static Map.Entry<String, Double> last(Map<String, Double> values) {
        Map.Entry<String, Double> last = null;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            last = e;
        }
        return last;
    }

    private static boolean maximize(String metricName) {
        String metric = metricName.substring(metricName.indexOf(':') + 1);
        return metric.startsWith("auc") || metric.startsWith("map") || metric.startsWith("ndcg")
                || metric.startsWith("pre") || metric.startsWith("interval-regression-accuracy");
    }

    /** "[3]\ttrain-logloss:0.12\tvalidation-logloss:0.2" as {"train:logloss": 0.12, "validation:logloss": 0.2}. */
    static Map<String, Double> parseEvaluation(String evaluation) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String token : evaluation.strip().split("\t")) {
            int colon = token.lastIndexOf(':');
            int dash = token.indexOf('-');
            if (token.startsWith("[") || colon < 0 || dash < 0 || dash > colon) {
                continue;
            }
            try {
                out.put(token.substring(0, dash) + ":" + token.substring(dash + 1, colon), Double.parseDouble(token.substring(colon + 1)));
            } catch (NumberFormatException ignored) {
                // a metric xgboost printed without a number: not reported
            }
        }
        return out;
    }

    private static DMatrix matrix(TrainingRequest.Channel channel, boolean weighted) throws AlgorithmException, XGBoostError {
        DataFormat format = DataFormat.of(channel.contentType(), DataFormat.LIBSVM);
        Dataset data = TextTables.read(channel.files(), format, true, channel.name());
        float[] weights = null;
        if (weighted && format == DataFormat.CSV) {
            if (data.columns() < 2) {
                throw AlgorithmException.client("csv_weights is 1 but channel '" + channel.name() + "' has no weight column");
            }
            weights = new float[data.rows()];
            float[] features = new float[data.rows() * (data.columns() - 1)];
            for (int r = 0; r < data.rows(); r++) {
                weights[r] = data.value(r, 0);
                System.arraycopy(data.values(), r * data.columns() + 1, features, r * (data.columns() - 1), data.columns() - 1);
            }
            data = new Dataset(data.rows(), data.columns() - 1, features, data.labels());
        }
        DMatrix matrix = new DMatrix(data.values(), data.rows(), data.columns(), Float.NaN);
        matrix.setLabel(data.labels());
        if (weights != null) {
            matrix.setWeight(weights);
        }
        return matrix;
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        Path file = modelDir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw AlgorithmException.client("Model file " + MODEL_FILE + " not found in the model artifact");
        }
        try {
            return new XgboostPredictor(XGBoost.loadModel(file.toString()));
        } catch (XGBoostError e) {
            throw AlgorithmException.client("Unable to load the XGBoost model: " + e.getMessage());
        }
    }
}
