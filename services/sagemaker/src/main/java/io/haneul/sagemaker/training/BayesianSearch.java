package io.haneul.sagemaker.training;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import software.amazon.awssdk.services.sagemaker.model.CategoricalParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ContinuousParameterRange;
import software.amazon.awssdk.services.sagemaker.model.IntegerParameterRange;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Bayesian strategy: Bayesian optimisation with a Gaussian-process surrogate. Each tried set of values is a point
 * of the unit cube (a numeric range on its scale: Linear, Logarithmic on the logarithm, ReverseLogarithmic on the
 * logarithm of 1 − value; a categorical range one-hot), its objective standardised (negated for Maximize, so lower is
 * better). The process has a squared-exponential kernel whose length scale is the one of {@link #LENGTH_SCALES} with
 * the highest marginal likelihood, and a small noise term. The next values are those among {@link #CANDIDATES} random
 * draws with the highest expected improvement over the best value so far. Jobs still running count as having
 * scored the mean so far ("constant liar"), so parallel jobs spread out. The first {@link #RANDOM_START} jobs are random
 * draws (the tuning loop launches the next only once they ended), and so is any job while fewer than that many scored. Candidates are drawn from the tuning job's
 * RandomSeed and the job's index, so the same history proposes the same values on any node.
 */
final class BayesianSearch {

    static final int RANDOM_START = 3;
    private static final int CANDIDATES = 512;
    private static final double[] LENGTH_SCALES = {0.05, 0.1, 0.2, 0.35, 0.6, 1.0};
    private static final double NOISE = 1e-4;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** A set of values tried, and its objective metric when it has one (null: still running). */
    record Trial(Map<String, String> values, Double objective) {
    }

    private BayesianSearch() {
    }

    /** The values training job {@code index} (0-based) tries, given the trials so far. */
    static Map<String, String> propose(ParameterRanges ranges, boolean maximize, long seed, int index, List<Trial> trials) {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<double[]> pending = new ArrayList<>();
        for (Trial t : trials) {
            if (t.objective() == null) {
                pending.add(encode(ranges, t.values()));
            } else if (Double.isFinite(t.objective())) {
                xs.add(encode(ranges, t.values()));
                ys.add(maximize ? -t.objective() : t.objective());
            }
        }
        if (index < RANDOM_START || xs.size() < RANDOM_START) {
            return TuningSearch.draw(ranges, "Random", seed, index);
        }
        double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(ys.stream().mapToDouble(y -> (y - mean) * (y - mean)).average().orElse(0));
        double scale = sd > 1e-12 ? sd : 1;
        List<Double> z = new ArrayList<>();
        ys.forEach(y -> z.add((y - mean) / scale));
        double best = z.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        for (double[] p : pending) {
            xs.add(p);
            z.add(0.0); // the liar: a running job scores the mean
        }
        Surrogate gp = fit(xs, z);
        if (gp == null) {
            return TuningSearch.draw(ranges, "Random", seed, index);
        }
        Map<String, String> chosen = null;
        double bestImprovement = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            Map<String, String> candidate = TuningSearch.draw(ranges, "Random", seed ^ 0x5DEECE66DL, index * CANDIDATES + c);
            double ei = gp.expectedImprovement(encode(ranges, candidate), best);
            if (ei > bestImprovement) {
                bestImprovement = ei;
                chosen = candidate;
            }
        }
        return chosen != null ? chosen : TuningSearch.draw(ranges, "Random", seed, index);
    }

    /** The point of the unit cube standing for a set of values. */
    static double[] encode(ParameterRanges ranges, Map<String, String> values) {
        List<Double> out = new ArrayList<>();
        for (IntegerParameterRange r : ranges.integerParameterRanges()) {
            out.add(unit(Double.parseDouble(values.get(r.name())), Double.parseDouble(r.minValue()), Double.parseDouble(r.maxValue()),
                    r.scalingTypeAsString()));
        }
        for (ContinuousParameterRange r : ranges.continuousParameterRanges()) {
            out.add(unit(Double.parseDouble(values.get(r.name())), Double.parseDouble(r.minValue()), Double.parseDouble(r.maxValue()),
                    r.scalingTypeAsString()));
        }
        for (CategoricalParameterRange r : ranges.categoricalParameterRanges()) {
            for (String v : r.values()) {
                out.add(v.equals(values.get(r.name())) ? 1.0 : 0.0);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double unit(double v, double lo, double hi, String scaling) {
        if (hi <= lo) {
            return 0;
        }
        return switch (scaling == null ? "Auto" : scaling) {
            case "Logarithmic" -> (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
            case "ReverseLogarithmic" -> (Math.log(1 - v) - Math.log(1 - lo)) / (Math.log(1 - hi) - Math.log(1 - lo));
            default -> (v - lo) / (hi - lo);
        };
    }

    /** The process of the length scale that explains the observations best. */
    private static Surrogate fit(List<double[]> xs, List<Double> ys) {
        Surrogate best = null;
        for (double l : LENGTH_SCALES) {
            Surrogate p = Surrogate.of(xs, ys, l);
            if (p != null && (best == null || p.logLikelihood > best.logLikelihood)) {
                best = p;
            }
        }
        return best;
    }

    /** A Gaussian process conditioned on the observations (unit signal variance, squared-exponential kernel). */
    private record Surrogate(List<double[]> xs, double lengthScale, DecompositionSolver solver, RealVector alpha, double logLikelihood) {

        static Surrogate of(List<double[]> xs, List<Double> ys, double lengthScale) {
            int n = xs.size();
            RealMatrix k = new Array2DRowRealMatrix(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    k.setEntry(i, j, kernel(xs.get(i), xs.get(j), lengthScale) + (i == j ? NOISE : 0));
                }
            }
            CholeskyDecomposition cholesky;
            try {
                cholesky = new CholeskyDecomposition(k, 1e-10, 1e-12);
            } catch (NonPositiveDefiniteMatrixException e) {
                return null;
            }
            RealVector y = new ArrayRealVector(ys.stream().mapToDouble(Double::doubleValue).toArray());
            RealVector alpha = cholesky.getSolver().solve(y);
            double logDet = 0;
            RealMatrix l = cholesky.getL();
            for (int i = 0; i < n; i++) {
                logDet += 2 * Math.log(l.getEntry(i, i));
            }
            double likelihood = -0.5 * y.dotProduct(alpha) - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
            return new Surrogate(xs, lengthScale, cholesky.getSolver(), alpha, likelihood);
        }

        double expectedImprovement(double[] x, double best) {
            RealVector ks = new ArrayRealVector(xs.size());
            for (int i = 0; i < xs.size(); i++) {
                ks.setEntry(i, kernel(x, xs.get(i), lengthScale));
            }
            double mu = ks.dotProduct(alpha);
            double variance = Math.max(1e-12, 1 - ks.dotProduct(solver.solve(ks)));
            double sigma = Math.sqrt(variance);
            double gain = best - mu;
            double u = gain / sigma;
            return gain * NORMAL.cumulativeProbability(u) + sigma * NORMAL.density(u);
        }

        private static double kernel(double[] a, double[] b, double lengthScale) {
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                double diff = a[i] - b[i];
                d += diff * diff;
            }
            return Math.exp(-d / (2 * lengthScale * lengthScale));
        }
    }
}
