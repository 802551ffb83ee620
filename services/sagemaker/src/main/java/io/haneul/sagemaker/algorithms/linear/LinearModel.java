package io.haneul.sagemaker.algorithms.linear;

/** Trained weights (bias first) of a regressor, a binary classifier or one-against-the-rest classifiers. */
record LinearModel(String kind, double[][] weights) {

    record Output(double[] scores, Integer label) {
    }

    static LinearModel regressor(double[] w) {
        return new LinearModel("regressor", new double[][] {w});
    }

    static LinearModel binary(double[] w) {
        return new LinearModel("binary_classifier", new double[][] {w});
    }

    static LinearModel multiclass(double[][] w) {
        return new LinearModel("multiclass_classifier", w);
    }

    Output predict(double[] x) {
        return switch (kind) {
            case "regressor" -> new Output(new double[] {Solvers.dot(weights[0], x)}, null);
            case "binary_classifier" -> {
                double p = Solvers.sigmoid(Solvers.dot(weights[0], x));
                yield new Output(new double[] {p}, p >= 0.5 ? 1 : 0);
            }
            default -> {
                double[] scores = new double[weights.length];
                double total = 0;
                int best = 0;
                for (int c = 0; c < weights.length; c++) {
                    scores[c] = Solvers.sigmoid(Solvers.dot(weights[c], x));
                    total += scores[c];
                    if (scores[c] > scores[best]) {
                        best = c;
                    }
                }
                for (int c = 0; c < scores.length; c++) {
                    scores[c] /= total;
                }
                yield new Output(scores, best);
            }
        };
    }
}
