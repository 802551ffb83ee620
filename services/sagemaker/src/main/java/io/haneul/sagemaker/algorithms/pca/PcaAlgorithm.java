package io.haneul.sagemaker.algorithms.pca;

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
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * AWS's PCA (image {@code pca}): the top {@code num_components} eigenvectors of the covariance matrix
 * (commons-math's symmetric eigen decomposition; {@code algorithm_mode} regular and randomized both get
 * the exact answer), the mean subtracted when {@code subtract_mean}. Endpoints answer
 * {@code {"projections":[{"projection":[...]}]}}.
 */
public final class PcaAlgorithm implements Algorithm {

    private static final HyperParameterRules RULES = new HyperParameterRules()
            .requiredInteger("feature_dim", 1, 100_000)
            .requiredInteger("mini_batch_size", 1, Integer.MAX_VALUE)
            .requiredInteger("num_components", 1, 100_000)
            .categorical("algorithm_mode", "regular", "regular", "randomized")
            .categorical("subtract_mean", "True", "True", "False", "true", "false")
            .integer("extra_components", -1, Integer.MAX_VALUE, "-1");

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public Map<String, String> validated(Map<String, String> hyperParameters) throws AlgorithmException {
        Map<String, String> out = RULES.validate(hyperParameters);
        if (Integer.parseInt(out.get("num_components")) > Integer.parseInt(out.get("feature_dim"))) {
            throw AlgorithmException.client("num_components (" + out.get("num_components") + ") must not exceed feature_dim ("
                    + out.get("feature_dim") + ")");
        }
        return out;
    }

    @Override
    public void train(TrainingRequest request) throws AlgorithmException {
        Map<String, String> hps = validated(request.hyperParameters());
        int dim = Integer.parseInt(hps.get("feature_dim"));
        int components = Integer.parseInt(hps.get("num_components"));
        boolean subtract = hps.get("subtract_mean").equalsIgnoreCase("true");
        Dataset train = FirstPartyChannels.read(request, "train", true, false, dim);
        double[] mean = new double[dim];
        if (subtract) {
            for (int r = 0; r < train.rows(); r++) {
                double[] row = train.row(r);
                for (int c = 0; c < dim; c++) {
                    mean[c] += row[c] / train.rows();
                }
            }
        }
        double[][] cov = new double[dim][dim];
        for (int r = 0; r < train.rows(); r++) {
            if (r % 10_000 == 0 && request.stopRequested().getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            double[] row = train.row(r);
            for (int i = 0; i < dim; i++) {
                double a = row[i] - mean[i];
                for (int j = i; j < dim; j++) {
                    cov[i][j] += a * (row[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                cov[i][j] /= Math.max(1, train.rows() - 1);
                cov[j][i] = cov[i][j];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[dim];
        for (int i = 0; i < dim; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        ObjectNode model = ModelFiles.create(name());
        model.set("mean", ModelFiles.array(mean));
        ArrayNode vectors = model.putArray("components");
        ArrayNode variances = model.putArray("explained_variance");
        for (int k = 0; k < components; k++) {
            vectors.add(ModelFiles.array(eigen.getEigenvector(order[k]).toArray()));
            variances.add(values[order[k]]);
            request.metrics().log("Component " + k + ": variance " + values[order[k]]);
        }
        ModelFiles.write(request.modelDir(), model);
    }

    @Override
    public Predictor load(Path modelDir) throws AlgorithmException {
        JsonNode model = ModelFiles.read(modelDir, name());
        double[] mean = ModelFiles.doubles(model.get("mean"));
        List<double[]> list = new ArrayList<>();
        model.get("components").forEach(v -> list.add(ModelFiles.doubles(v)));
        double[][] components = list.toArray(double[][]::new);
        return (body, contentType, accept) -> {
            String type = Answers.accepted(accept, "application/json", List.of("application/json", "application/jsonlines", "text/csv", "application/x-recordio-protobuf"));
            Dataset data = InferenceInput.parse(body, contentType, mean.length);
            List<ObjectNode> records = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < data.rows(); r++) {
                double[] row = data.row(r);
                ObjectNode record = Answers.record();
                ArrayNode projection = record.putArray("projection");
                StringBuilder line = new StringBuilder();
                for (double[] v : components) {
                    double s = 0;
                    for (int c = 0; c < mean.length; c++) {
                        s += (row[c] - mean[c]) * v[c];
                    }
                    projection.add((float) s);
                    line.append(line.isEmpty() ? "" : ",").append(Answers.number((float) s));
                }
                records.add(record);
                lines.add(line.toString());
            }
            if (type.equals("application/json")) {
                ObjectNode root = Answers.record();
                root.putArray("projections").addAll(records);
                return new Predictor.Prediction(root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
            }
            return Answers.write(type, records, lines);
        };
    }
}
