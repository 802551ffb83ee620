package io.haneul.sagemaker.algorithms.xgboost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.sagemaker.algorithms.AlgorithmException;
import io.haneul.sagemaker.algorithms.Predictor;
import io.haneul.sagemaker.algorithms.data.Answers;
import io.haneul.sagemaker.algorithms.data.DataFormat;
import io.haneul.sagemaker.algorithms.data.Dataset;
import io.haneul.sagemaker.algorithms.data.TextTables;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers like AWS's XGBoost container: text/csv or text/libsvm rows in; one score per line in
 * text/csv (several comma-separated for multi:softprob), or {@code {"predictions":[{"score":...}]}}
 * for application/json. Uses XGBoost's in-place prediction, which is safe for concurrent calls.
 */
final class XgboostPredictor implements Predictor {

    private static final List<String> ACCEPTS = List.of("text/csv", "application/json", "application/jsonlines");

    private final Booster booster;
    private final int features;

    XgboostPredictor(Booster booster) throws XGBoostError {
        this.booster = booster;
        this.features = (int) booster.getNumFeature();
    }

    @Override
    public Prediction predict(byte[] body, String contentType, String accept) throws AlgorithmException {
        DataFormat format = DataFormat.of(contentType, DataFormat.CSV);
        String answerType = Answers.accepted(accept, "text/csv", ACCEPTS);
        Dataset data = TextTables.parse(body, format);
        float[] values = data.values();
        if (data.columns() != features) {
            if (format == DataFormat.CSV || data.columns() > features) {
                throw AlgorithmException.client("Feature size of " + (format == DataFormat.CSV ? "csv" : "libsvm")
                        + " inference data " + data.columns() + " is not consistent with feature size of trained model " + features + ".");
            }
            values = widen(data, features);
        }
        float[][] scores;
        try {
            scores = booster.inplace_predict(values, data.rows(), features, Float.NaN);
        } catch (XGBoostError e) {
            throw AlgorithmException.client("Unable to evaluate payload provided: " + e.getMessage());
        }
        List<ObjectNode> records = new ArrayList<>(scores.length);
        List<String> lines = new ArrayList<>(scores.length);
        for (float[] row : scores) {
            ObjectNode record = Answers.record();
            if (row.length == 1) {
                record.put("score", row[0]);
                lines.add(Answers.number(row[0]));
            } else {
                ArrayNode array = record.putArray("score");
                StringBuilder line = new StringBuilder();
                for (float v : row) {
                    array.add(v);
                    line.append(line.isEmpty() ? "" : ",").append(Answers.number(v));
                }
                lines.add(line.toString());
            }
            records.add(record);
        }
        return Answers.write(answerType, records, lines);
    }

    private static float[] widen(Dataset data, int width) {
        float[] out = new float[data.rows() * width];
        Arrays.fill(out, Float.NaN);
        for (int r = 0; r < data.rows(); r++) {
            System.arraycopy(data.values(), r * data.columns(), out, r * width, data.columns());
        }
        return out;
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
