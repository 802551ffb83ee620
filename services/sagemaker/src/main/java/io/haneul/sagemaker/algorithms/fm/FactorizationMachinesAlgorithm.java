package io.haneul.sagemaker.algorithms.fm;

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
 * AWS's factorization machines (image {@code factorization-machines}): ŷ = w₀ + Σ wᵢxᵢ + Σᵢ<ⱼ ⟨vᵢ,vⱼ⟩xᵢxⱼ
 * with {@code num_factors}-dimensional factors, trained for {@code epochs} passes of mini-batch Adam
 * with AWS's separate learning rates and weight decays for bias, linear terms and factors, and their
 * normal initialisation. Regressor (squared loss) or binary classifier (logistic loss). Metrics
 * {@code train:rmse} / {@code train:binary_classification_accuracy} and, with a {@code test} channel,
 * {@code test:rmse} or {@code test:binary_classification_accuracy} and {@code test:binary_classification_cross_entropy}.
 * Endpoints answer {@code {"predictions":[{"score": ..., "predicted_label": ...}]}}.
 */
public final class FactorizationMachinesAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("feature_dim", 1, Integer.MAX_VALUE)
            .requiredInteger("num_factors", 1, 1000)
            .requiredCategorical("predictor_type", "binary_classifier", "regressor")
            .integer("epochs", 1, 1_000_000, "1")
            .integer("mini_batch_size", 1, 10_000_000, "1000")
            .continuous("bias_lr", 0, Double.MAX_VALUE, "0.1")
            .continuous("linear_lr", 0, Double.MAX_VALUE, "0.001")
            .continuous("factors_lr", 0, Double.MAX_VALUE, "0.0001")
            .continuous("bias_wd", 0, Double.MAX_VALUE, "0.01")
            .continuous("linear_wd", 0, Double.MAX_VALUE, "0.001")
            .continuous("factors_wd", 0, Double.MAX_VALUE, "0.00001")
            .categorical("bias_init_method", "normal", "normal", "uniform", "constant")
            .continuous("bias_init_sigma", 0, Double.MAX_VALUE, "0.01")
            .continuous("bias_init_scale", 0, Double.MAX_VALUE, null)
            .continuous("bias_init_value", -Double.MAX_VALUE, Double.MAX_VALUE, null)
            .categorical("linear_init_method", "normal", "normal", "uniform", "constant")
            .continuous("linear_init_sigma", 0, Double.MAX_VALUE, "0.01")
            .continuous("linear_init_scale", 0, Double.MAX_VALUE, null)
            .continuous("linear_init_value", -Double.MAX_VALUE, Double.MAX_VALUE, null)
            .categorical("factors_init_method", "normal", "normal", "uniform", "constant")
            .continuous("factors_init_sigma", 0, Double.MAX_VALUE, "0.001")
            .continuous("factors_init_scale", 0, Double.MAX_VALUE, null)
            .continuous("factors_init_value", -Double.MAX_VALUE, Double.MAX_VALUE, null)
            .continuous("clip_gradient", 0, Double.MAX_VALUE, null)
            .continuous("eps", 0, Double.MAX_VALUE, "0.00000001")
            .continuous("rescale_grad", 0, Double.MAX_VALUE, "1");

    @Override
    public String name() {
        return "factorization-machines";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        return RULES.validate(hyperParameters);
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        int dim = Integer.parseInt(hps.get("feature_dim"));
        int k = Integer.parseInt(hps.get("num_factors"));
        boolean classifier = hps.get("predictor_type").equals("binary_classifier");
        Dataset train = FirstPartyChannels.read(request, "train", true, true, dim);
        Random random = new Random(3);
        Model m = new Model(init(hps, "bias", 1, random), init(hps, "linear", dim, random), new double[dim][]);
        for (int i = 0; i < dim; i++) {
            m.v()[i] = init(hps, "factors", k, random);
        }
        Adam adam = new Adam(dim, k, hps);
        int batch = Integer.parseInt(hps.get("mini_batch_size"));
        int epochs = Integer.parseInt(hps.get("epochs"));
        double[][] x = new double[train.rows()][];
        for (int r = 0; r < train.rows(); r++) {
            x[r] = train.row(r);
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (request.stopRequested().getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            for (int start = 0; start < x.length; start += batch) {
                adam.step(m, x, train.labels(), start, Math.min(x.length, start + batch), classifier);
            }
            if (epoch == epochs - 1 || epoch % 10 == 0) {
                report("train", m, x, train.labels(), classifier, request, epoch);
            }
        }
        Dataset test = FirstPartyChannels.read(request, "test", false, true, dim);
        if (test != null) {
            double[][] tx = new double[test.rows()][];
            for (int r = 0; r < test.rows(); r++) {
                tx[r] = test.row(r);
            }
            report("test", m, tx, test.labels(), classifier, request, epochs - 1);
        }
        ObjectNode model = ModelFiles.create(name());
        model.put("predictor_type", hps.get("predictor_type"));
        model.put("w0", m.w0());
        model.set("w", ModelFiles.array(m.w()));
        ArrayNode v = model.putArray("v");
        for (double[] row : m.v()) {
            v.add(ModelFiles.array(row));
        }
        ModelFiles.write(request.modelDir(), model);
    }

    private static void report(String channel, Model m, double[][] x, float[] y, boolean classifier, TrainingRequest request, int epoch) {
        double loss = 0;
        int correct = 0;
        for (int r = 0; r < x.length; r++) {
            double f = m.predict(x[r]);
            if (classifier) {
                double p = Math.min(Math.max(sigmoid(f), 1e-15), 1 - 1e-15);
                loss -= y[r] == 1 ? Math.log(p) : Math.log(1 - p);
                correct += (p >= 0.5 ? 1 : 0) == (int) y[r] ? 1 : 0;
            } else {
                loss += (f - y[r]) * (f - y[r]);
            }
        }
        if (classifier) {
            request.metrics().metric(channel + ":binary_classification_accuracy", (double) correct / x.length);
            request.metrics().metric(channel + ":binary_classification_cross_entropy", loss / x.length);
            request.metrics().log("#quality_metric: host=algo-1, epoch=" + epoch + ", " + channel + " binary_classification_accuracy <score>="
                    + (double) correct / x.length);
        } else {
            request.metrics().metric(channel + ":rmse", Math.sqrt(loss / x.length));
            request.metrics().log("#quality_metric: host=algo-1, epoch=" + epoch + ", " + channel + " rmse <loss>=" + Math.sqrt(loss / x.length));
        }
    }

    private static double[] init(Map<String, String> hps, String group, int n, Random random) {
        String method = hps.get(group + "_init_method");
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (method) {
                case "constant" -> Double.parseDouble(hps.getOrDefault(group + "_init_value", "0"));
                case "uniform" -> (random.nextDouble() * 2 - 1) * Double.parseDouble(hps.getOrDefault(group + "_init_scale", "0.01"));
                default -> random.nextGaussian() * Double.parseDouble(hps.get(group + "_init_sigma"));
            };
        }
        return out;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The model's parameters: bias, linear weights and one factor vector per feature. */
    record Model(double[] bias, double[] w, double[][] v) {

        double w0() {
            return bias[0];
        }

        double predict(double[] x) {
            double out = bias[0];
            int k = v.length == 0 ? 0 : v[0].length;
            for (int i = 0; i < x.length; i++) {
                out += w[i] * x[i];
            }
            for (int f = 0; f < k; f++) {
                double sum = 0;
                double squares = 0;
                for (int i = 0; i < x.length; i++) {
                    double t = v[i][f] * x[i];
                    sum += t;
                    squares += t * t;
                }
                out += 0.5 * (sum * sum - squares);
            }
            return out;
        }
    }

    /** Mini-batch Adam with AWS's per-group learning rates and weight decays. */
    private static final class Adam {
        private final double biasLr;
        private final double linearLr;
        private final double factorsLr;
        private final double biasWd;
        private final double linearWd;
        private final double factorsWd;
        private final double eps;
        private final double clip;
        private final double rescale;
        private double mb;
        private double vb;
        private final double[] mw;
        private final double[] vw;
        private final double[][] mv;
        private final double[][] vv;
        private int t;

        Adam(int dim, int k, Map<String, String> hps) {
            biasLr = Double.parseDouble(hps.get("bias_lr"));
            linearLr = Double.parseDouble(hps.get("linear_lr"));
            factorsLr = Double.parseDouble(hps.get("factors_lr"));
            biasWd = Double.parseDouble(hps.get("bias_wd"));
            linearWd = Double.parseDouble(hps.get("linear_wd"));
            factorsWd = Double.parseDouble(hps.get("factors_wd"));
            eps = Double.parseDouble(hps.get("eps"));
            clip = hps.containsKey("clip_gradient") ? Double.parseDouble(hps.get("clip_gradient")) : Double.POSITIVE_INFINITY;
            rescale = Double.parseDouble(hps.get("rescale_grad"));
            mw = new double[dim];
            vw = new double[dim];
            mv = new double[dim][k];
            vv = new double[dim][k];
        }

        void step(Model m, double[][] x, float[] y, int from, int to, boolean classifier) {
            int dim = m.w().length;
            int k = m.v()[0].length;
            double gb = 0;
            double[] gw = new double[dim];
            double[][] gv = new double[dim][k];
            for (int r = from; r < to; r++) {
                double[] row = x[r];
                double f = m.predict(row);
                double g = classifier ? sigmoid(f) - y[r] : f - y[r];
                gb += g;
                double[] sums = new double[k];
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < dim; i++) {
                        sums[c] += m.v()[i][c] * row[i];
                    }
                }
                for (int i = 0; i < dim; i++) {
                    if (row[i] == 0) {
                        continue;
                    }
                    gw[i] += g * row[i];
                    for (int c = 0; c < k; c++) {
                        gv[i][c] += g * row[i] * (sums[c] - m.v()[i][c] * row[i]);
                    }
                }
            }
            double n = (to - from) / rescale;
            t++;
            double b1 = 1 - Math.pow(0.9, t);
            double b2 = 1 - Math.pow(0.999, t);
            double g0 = clip(gb / n + biasWd * m.bias()[0]);
            mb = 0.9 * mb + 0.1 * g0;
            vb = 0.999 * vb + 0.001 * g0 * g0;
            m.bias()[0] -= biasLr * (mb / b1) / (Math.sqrt(vb / b2) + eps);
            for (int i = 0; i < dim; i++) {
                double gi = clip(gw[i] / n + linearWd * m.w()[i]);
                mw[i] = 0.9 * mw[i] + 0.1 * gi;
                vw[i] = 0.999 * vw[i] + 0.001 * gi * gi;
                m.w()[i] -= linearLr * (mw[i] / b1) / (Math.sqrt(vw[i] / b2) + eps);
                for (int c = 0; c < k; c++) {
                    double gc = clip(gv[i][c] / n + factorsWd * m.v()[i][c]);
                    mv[i][c] = 0.9 * mv[i][c] + 0.1 * gc;
                    vv[i][c] = 0.999 * vv[i][c] + 0.001 * gc * gc;
                    m.v()[i][c] -= factorsLr * (mv[i][c] / b1) / (Math.sqrt(vv[i][c] / b2) + eps);
                }
            }
        }

        private double clip(double g) {
            return Math.max(-clip, Math.min(clip, g));
        }
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode json = ModelFiles.read(modelDir, name());
        boolean classifier = json.get("predictor_type").asText().equals("binary_classifier");
        List<double[]> v = new ArrayList<>();
        json.get("v").forEach(row -> v.add(ModelFiles.doubles(row)));
        Model m = new Model(new double[] {json.get("w0").asDouble()}, ModelFiles.doubles(json.get("w")), v.toArray(double[][]::new));
        return (body, contentType, accept) -> {
            String type = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv",
                    "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, m.w().length);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < data.rows(); r++) {
                double f = m.predict(data.row(r));
                ObjectNode record = Answers.record();
                if (classifier) {
                    double p = sigmoid(f);
                    record.put("score", (float) p).put("predicted_label", p >= 0.5 ? 1.0 : 0.0);
                    lines.add((p >= 0.5 ? "1.0," : "0.0,") + Answers.number((float) p));
                } else {
                    record.put("score", (float) f);
                    lines.add(Answers.number((float) f));
                }
                records.add(record);
            }
            return Answers.write(type, records, lines);
        };
    }
}
