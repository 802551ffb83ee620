package io.haneul.sagemaker.algorithms.kmeans;

import io.haneul.sagemaker.algorithms.AlgorithmException;

import java.util.Random;
import java.util.function.BooleanSupplier;

/** Lloyd's k-means iterations and their seedings (random points, k-means++). */
final class Lloyd {

    private Lloyd() {
    }

    static double[][] randomPick(double[][] points, int k, Random random) {
        double[][] centers = new double[k][];
        int[] order = random.ints(0, points.length).distinct().limit(k).toArray();
        for (int i = 0; i < k; i++) {
            centers[i] = points[order[i]].clone();
        }
        return centers;
    }

    /** k-means++: each next center drawn with probability proportional to its squared distance from the chosen ones. */
    static double[][] plusPlus(double[][] points, int k, Random random) {
        double[][] centers = new double[k][];
        centers[0] = points[random.nextInt(points.length)].clone();
        double[] nearest = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            nearest[i] = distance2(points[i], centers[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            double pick = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                pick -= nearest[i];
                if (pick <= 0) {
                    chosen = i;
                    break;
                }
            }
            centers[c] = points[chosen].clone();
            for (int i = 0; i < points.length; i++) {
                nearest[i] = Math.min(nearest[i], distance2(points[i], centers[c]));
            }
        }
        return centers;
    }

    static double[][] run(double[][] points, double[][] centers, int maxIter, double tol, BooleanSupplier stop) throws AlgorithmException {
        int k = centers.length;
        int dim = centers[0].length;
        for (int iter = 0; iter < maxIter; iter++) {
            if (stop.getAsBoolean()) {
                throw AlgorithmException.stopped();
            }
            double[][] sums = new double[k][dim];
            int[] counts = new int[k];
            for (double[] p : points) {
                int c = closest(p, centers);
                counts[c]++;
                for (int d = 0; d < dim; d++) {
                    sums[c][d] += p[d];
                }
            }
            double moved = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue; // an empty cluster keeps its center
                }
                for (int d = 0; d < dim; d++) {
                    sums[c][d] /= counts[c];
                }
                moved = Math.max(moved, distance2(sums[c], centers[c]));
                centers[c] = sums[c];
            }
            if (moved <= tol * tol) {
                break;
            }
        }
        return centers;
    }

    static int closest(double[] p, double[][] centers) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centers.length; c++) {
            double d = distance2(p, centers[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double ssd(double[][] points, double[][] centers) {
        double total = 0;
        for (double[] p : points) {
            total += distance2(p, centers[closest(p, centers)]);
        }
        return total;
    }

    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
