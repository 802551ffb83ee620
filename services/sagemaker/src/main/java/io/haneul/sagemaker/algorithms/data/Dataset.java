package io.haneul.sagemaker.algorithms.data;

/**
 * Rows of features in memory, row-major and dense (a feature a libsvm row leaves out is NaN, which
 * XGBoost reads as missing and the other algorithms as 0), with the label of each row when the data
 * carried one. The built-in algorithms train on data sets small enough for this machine's memory.
 */
public record Dataset(int rows, int columns, float[] values, float[] labels) {

    public float value(int row, int column) {
        return values[row * columns + column];
    }

    /** One row's features as doubles, NaN (missing) read as 0. */
    public double[] row(int row) {
        double[] out = new double[columns];
        for (int c = 0; c < columns; c++) {
            float v = values[row * columns + c];
            out[c] = Float.isNaN(v) ? 0 : v;
        }
        return out;
    }

    public boolean labelled() {
        return labels != null;
    }
}
