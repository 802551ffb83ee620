package io.haneul.sagemaker.algorithms.linear;

import io.haneul.sagemaker.algorithms.MetricSink;

/** The linear learner's metrics for one channel, named as AWS names them ({@code validation:rmse}, ...). */
final class Metrics {

    private Metrics() {
    }

    static void report(String channel, LinearModel model, double[][] x, float[] y, MetricSink sink) {
        int n = x.length;
        switch (model.kind()) {
            case "regressor" -> {
                double se = 0;
                double ae = 0;
                for (int r = 0; r < n; r++) {
                    double e = model.predict(x[r]).scores()[0] - y[r];
                    se += e * e;
                    ae += Math.abs(e);
                }
                sink.metric(channel + ":objective_loss", se / n);
                sink.metric(channel + ":mse", se / n);
                sink.metric(channel + ":rmse", Math.sqrt(se / n));
                sink.metric(channel + ":absolute_loss", ae / n);
                sink.log("#quality_metric: host=algo-1, " + channel + " mse <loss>=" + se / n);
            }
            case "binary_classifier" -> {
                double loss = 0;
                int tp = 0;
                int fp = 0;
                int fn = 0;
                int correct = 0;
                for (int r = 0; r < n; r++) {
                    LinearModel.Output o = model.predict(x[r]);
                    double p = Math.min(Math.max(o.scores()[0], 1e-15), 1 - 1e-15);
                    loss -= y[r] == 1 ? Math.log(p) : Math.log(1 - p);
                    int label = o.label();
                    correct += label == (int) y[r] ? 1 : 0;
                    tp += label == 1 && y[r] == 1 ? 1 : 0;
                    fp += label == 1 && y[r] != 1 ? 1 : 0;
                    fn += label == 0 && y[r] == 1 ? 1 : 0;
                }
                double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
                sink.metric(channel + ":objective_loss", loss / n);
                sink.metric(channel + ":binary_classification_accuracy", (double) correct / n);
                sink.metric(channel + ":precision", precision);
                sink.metric(channel + ":recall", recall);
                sink.metric(channel + ":binary_f_beta", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
                sink.log("#quality_metric: host=algo-1, " + channel + " binary_classification_accuracy <score>=" + (double) correct / n);
            }
            default -> {
                int correct = 0;
                double loss = 0;
                for (int r = 0; r < n; r++) {
                    LinearModel.Output o = model.predict(x[r]);
                    correct += o.label() == (int) y[r] ? 1 : 0;
                    loss -= Math.log(Math.max(o.scores()[(int) y[r]], 1e-15));
                }
                sink.metric(channel + ":multiclass_accuracy", (double) correct / n);
                sink.metric(channel + ":objective_loss", loss / n);
                sink.log("#quality_metric: host=algo-1, " + channel + " multiclass_accuracy <score>=" + (double) correct / n);
            }
        }
    }
}
