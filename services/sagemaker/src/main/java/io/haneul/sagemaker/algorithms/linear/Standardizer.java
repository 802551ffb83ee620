package io.haneul.sagemaker.algorithms.linear;

import io.haneul.sagemaker.algorithms.data.Dataset;

/** Per-feature mean and scale (normalize_data), and the design matrix with a leading 1 for the bias. */
record Standardizer(double[] mean, double[] scale) {

    static Standardizer fit(Dataset data, boolean normalize) {
        int d = data.columns();
        double[] mean = new double[d];
        double[] scale = new double[d];
        java.util.Arrays.fill(scale, 1);
        if (!normalize) {
            return new Standardizer(mean, scale);
        }
        for (int r = 0; r < data.rows(); r++) {
            double[] row = data.row(r);
            for (int c = 0; c < d; c++) {
                mean[c] += row[c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= data.rows();
        }
        double[] var = new double[d];
        for (int r = 0; r < data.rows(); r++) {
            double[] row = data.row(r);
            for (int c = 0; c < d; c++) {
                var[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
            }
        }
        for (int c = 0; c < d; c++) {
            double sd = Math.sqrt(var[c] / data.rows());
            scale[c] = sd > 1e-12 ? sd : 1;
        }
        return new Standardizer(mean, scale);
    }

    double[][] apply(Dataset data, boolean bias) {
        int d = mean.length;
        double[][] x = new double[data.rows()][d + 1];
        for (int r = 0; r < data.rows(); r++) {
            double[] row = data.row(r);
            x[r][0] = bias ? 1 : 0;
            for (int c = 0; c < d; c++) {
                x[r][c + 1] = (row[c] - mean[c]) / scale[c];
            }
        }
        return x;
    }
}
