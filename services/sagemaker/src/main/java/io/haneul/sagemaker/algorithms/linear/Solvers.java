package io.haneul.sagemaker.algorithms.linear;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

import java.util.function.BooleanSupplier;

/** The linear learner's solvers, on commons-math's linear algebra. Column 0 of x is the bias column. */
final class Solvers {

    private static final int NEWTON_STEPS = 50;

    private Solvers() {
    }

    /** Ridge regression: (XᵀX + λI) w = Xᵀy (the bias not penalised). */
    static double[] leastSquares(double[][] x, float[] y, double lambda, boolean bias) throws AlgorithmException {
        int d = x[0].length;
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            for (int i = 0; i < d; i++) {
                b[i] += row[i] * y[r];
                for (int j = i; j < d; j++) {
                    a[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
            a[i][i] += i == 0 ? (bias ? 0 : 1) : lambda;
        }
        return solve(a, b);
    }

    /** L2-regularised logistic regression of (y == positive) by Newton's method. */
    static double[] logistic(double[][] x, float[] y, float positive, double lambda, boolean bias, BooleanSupplier stop) throws AlgorithmException {
        int d = x[0].length;
        double[] w = new double[d];
        double regularise = Math.max(lambda, 1e-6);
        for (int step = 0; step < NEWTON_STEPS; step++) {
            if (stop.getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            double[][] h = new double[d][d];
            double[] g = new double[d];
            for (int r = 0; r < x.length; r++) {
                double[] row = x[r];
                double p = sigmoid(dot(w, row));
                double target = y[r] == positive ? 1 : 0;
                double weight = Math.max(p * (1 - p), 1e-10);
                for (int i = 0; i < d; i++) {
                    g[i] += (p - target) * row[i];
                    for (int j = i; j < d; j++) {
                        h[i][j] += weight * row[i] * row[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    h[i][j] = h[j][i];
                }
                double reg = i == 0 ? (bias ? 1e-9 : 1) : regularise;
                h[i][i] += reg;
                g[i] += reg * w[i];
            }
            double[] delta = solve(h, g);
            double change = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= delta[i];
                change = Math.max(change, Math.abs(delta[i]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return w;
    }

    private static double[] solve(double[][] a, double[] b) throws AlgorithmException {
        try {
            RealMatrix m = new Array2DRowRealMatrix(a, false);
            RealVector v = new ArrayRealVector(b, false);
            return new LUDecomposition(m).getSolver().solve(v).toArray();
        } catch (SingularMatrixException e) {
            throw AlgorithmException.client("Customer Error: the training data is degenerate (its features are linearly dependent); "
                    + "set wd > 0 or remove constant features");
        }
    }

    static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
