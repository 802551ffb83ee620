package io.haneul.sagemaker.algorithms.linear;

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

/**
 * AWS's linear learner (image {@code linear-learner}): {@code regressor} by regularised least squares,
 * {@code binary_classifier} and {@code multiclass_classifier} (one against the rest) by L2-regularised
 * logistic regression solved with Newton's method, on standardised features ({@code normalize_data}).
 * Channels are text/csv with the label first; metrics {@code <channel>:objective_loss}, {@code :rmse},
 * {@code :binary_classification_accuracy} ... for the train, validation and test channels. Endpoints
 * answer {@code {"score": ..., "predicted_label": ...}} per record as AWS's container does.
 */
public final class LinearLearnerAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredCategorical("predictor_type", "binary_classifier", "multiclass_classifier", "regressor")
            .text("feature_dim", "auto")
            .integer("num_classes", 3, 1_000_000, null)
            .integer("epochs", 1, Integer.MAX_VALUE, "15")
            .integer("mini_batch_size", 1, Integer.MAX_VALUE, "1000")
            .text("learning_rate", "auto")
            .text("l1", "auto")
            .text("wd", "auto")
            .categorical("loss", "auto", "auto", "logistic", "squared_loss", "absolute_loss", "hinge_loss", "eps_insensitive_squared_loss",
                    "eps_insensitive_absolute_loss", "quantile_loss", "huber_loss", "softmax_loss")
            .categorical("normalize_data", "true", "true", "false")
            .text("normalize_label", "auto")
            .text("optimizer", "auto")
            .categorical("use_bias", "true", "true", "false")
            .categorical("binary_classifier_model_selection_criteria", "accuracy", "accuracy", "f_beta", "precision_at_target_recall",
                    "recall_at_target_precision", "loss_function")
            .integer("early_stopping_patience", 1, Integer.MAX_VALUE, "3")
            .continuous("early_stopping_tolerance", 0, Double.MAX_VALUE, "0.001")
            .text("num_models", "auto")
            .text("num_calibration_samples", null)
            .text("init_method", null)
            .text("init_scale", null)
            .text("init_sigma", null)
            .text("init_bias", null)
            .text("positive_example_weight_mult", "1.0")
            .text("target_precision", null)
            .text("target_recall", null)
            .text("beta_1", null)
            .text("beta_2", null)
            .text("bias_lr_mult", null)
            .text("bias_wd_mult", null)
            .text("huber_delta", null)
            .text("margin", null)
            .text("quantile", null)
            .text("momentum", null)
            .text("lr_scheduler_step", null)
            .text("lr_scheduler_factor", null)
            .text("lr_scheduler_minimum_lr", null)
            .text("unbias_data", null)
            .text("unbias_label", null)
            .text("accuracy_top_k", null)
            .text("balance_multiclass_weights", null)
            .text("f_beta", null)
            .text("loss_insensitivity", null)
            .text("num_point_for_scaler", null);

    @Override
    public String name() {
        return "linear-learner";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        Map<String, String> out = RULES.validate(hyperParameters);
        if (out.get("predictor_type").equals("multiclass_classifier") && !out.containsKey("num_classes")) {
            throw AlgorithmException.client("num_classes is required when predictor_type is multiclass_classifier");
        }
        for (String number : List.of("wd", "l1")) {
            String v = out.get(number);
            if (!v.equals("auto")) {
                try {
                    if (Double.parseDouble(v) < 0) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw AlgorithmException.client("Hyperparameter " + number + ": value " + v + " is not 'auto' or a number >= 0");
                }
            }
        }
        if (!out.get("feature_dim").equals("auto")) {
            try {
                Integer.parseInt(out.get("feature_dim"));
            } catch (NumberFormatException e) {
                throw AlgorithmException.client("Hyperparameter feature_dim: value " + out.get("feature_dim") + " is not 'auto' or an integer");
            }
        }
        return out;
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        String type = hps.get("predictor_type");
        Integer dim = FirstPartyChannels.featureDim(hps);
        Dataset train = FirstPartyChannels.read(request, "train", true, true, dim);
        boolean normalize = hps.get("normalize_data").equals("true");
        boolean bias = hps.get("use_bias").equals("true");
        double wd = hps.get("wd").equals("auto") ? 1e-4 : Double.parseDouble(hps.get("wd"));
        Standardizer scaler = Standardizer.fit(train, normalize);
        double[][] x = scaler.apply(train, bias);
        float[] y = train.labels();
        LinearModel model;
        switch (type) {
            case "regressor" -> model = LinearModel.regressor(Solvers.leastSquares(x, y, wd * x.length, bias));
            case "binary_classifier" -> {
                checkLabels(y, 2);
                model = LinearModel.binary(Solvers.logistic(x, y, 1f, wd * x.length, bias, request.stopRequested()));
            }
            default -> {
                int classes = Integer.parseInt(hps.get("num_classes"));
                checkLabels(y, classes);
                double[][] weights = new double[classes][];
                for (int c = 0; c < classes; c++) {
                    weights[c] = Solvers.logistic(x, y, c, wd * x.length, bias, request.stopRequested());
                }
                model = LinearModel.multiclass(weights);
            }
        }
        for (String channel : List.of("train", "validation", "test")) {
            Dataset data = channel.equals("train") ? train : FirstPartyChannels.read(request, channel, false, true, train.columns());
            if (data != null) {
                Metrics.report(channel, model, scaler.apply(data, bias), data.labels(), request.metrics());
            }
        }
        ObjectNode out = ModelFiles.create(name());
        out.put("predictor_type", type);
        out.put("use_bias", bias);
        out.set("mean", ModelFiles.array(scaler.mean()));
        out.set("scale", ModelFiles.array(scaler.scale()));
        ArrayNode weights = out.putArray("weights");
        for (double[] w : model.weights()) {
            weights.add(ModelFiles.array(w));
        }
        ModelFiles.write(request.modelDir(), out);
    }

    private static void checkLabels(float[] labels, int classes) throws AlgorithmException {
        for (float label : labels) {
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw AlgorithmException.client("Customer Error: label " + label + " is not an integer in [0, " + (classes - 1) + "]");
            }
        }
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode json = ModelFiles.read(modelDir, name());
        String type = json.get("predictor_type").asText();
        boolean bias = json.get("use_bias").asBoolean();
        Standardizer scaler = new Standardizer(ModelFiles.doubles(json.get("mean")), ModelFiles.doubles(json.get("scale")));
        List<double[]> list = new ArrayList<>();
        json.get("weights").forEach(w -> list.add(ModelFiles.doubles(w)));
        double[][] weights = list.toArray(double[][]::new);
        LinearModel model = switch (type) {
            case "regressor" -> LinearModel.regressor(weights[0]);
            case "binary_classifier" -> LinearModel.binary(weights[0]);
            default -> LinearModel.multiclass(weights);
        };
        return (body, contentType, accept) -> {
            String answer = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv", "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, scaler.mean().length);
            double[][] x = scaler.apply(data, bias);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (double[] row : x) {
                LinearModel.Output o = model.predict(row);
                ObjectNode r = Answers.record();
                if (o.scores().length == 1) {
                    r.put("score", (float) o.scores()[0]);
                } else {
                    ArrayNode s = r.putArray("score");
                    for (double v : o.scores()) {
                        s.add((float) v);
                    }
                }
                if (o.label() != null) {
                    r.put("predicted_label", o.label());
                    lines.add(o.label() + "," + Answers.number((float) o.scores()[o.scores().length == 1 ? 0 : o.label()]));
                } else {
                    lines.add(Answers.number((float) o.scores()[0]));
                }
                records.add(r);
            }
            return Answers.write(answer, records, lines);
        };
    }
}
