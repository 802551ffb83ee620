package io.haneul.sagemaker.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Early stopping of a tuning job's training jobs (TrainingJobEarlyStoppingType AUTO), by AWS's rule: after each epoch
 * (each value the job reports for the objective metric), the job is stopped when that value is worse (higher when
 * minimising, lower when maximising) than the median of the running averages of the objective of the previous training
 * jobs of the tuning job up to the same epoch. The rule waits for {@link #MIN_PREVIOUS} previous jobs that reached that
 * epoch, so the first jobs always run to the end.
 */
final class MedianStopping extends StoppingRule {

    static final int MIN_PREVIOUS = 3;

    private final boolean maximize;
    /** By epoch (index epoch - 1): the median of the previous jobs' running averages up to it; NaN with too few jobs. */
    private final double[] medians;

    /** @param previous the objective values, epoch by epoch, of the tuning job's training jobs that ended */
    MedianStopping(boolean maximize, List<List<Double>> previous) {
        this.maximize = maximize;
        this.medians = medians(previous);
    }

    /** The medians, computed once from each previous job's running averages (each a single pass over its series). */
    private static double[] medians(List<List<Double>> previous) {
        int longest = 0;
        List<double[]> averages = new ArrayList<>();
        for (List<Double> series : previous) {
            int n = Math.min(series.size(), MAX_EPOCHS);
            double[] running = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += series.get(i);
                running[i] = sum / (i + 1);
            }
            averages.add(running);
            longest = Math.max(longest, n);
        }
        double[] out = new double[longest];
        double[] at = new double[averages.size()];
        for (int e = 0; e < longest; e++) {
            int n = 0;
            for (double[] running : averages) {
                if (running.length > e) {
                    at[n++] = running[e];
                }
            }
            if (n < MIN_PREVIOUS) {
                out[e] = Double.NaN;
                continue;
            }
            Arrays.sort(at, 0, n);
            out[e] = n % 2 == 1 ? at[n / 2] : (at[n / 2 - 1] + at[n / 2]) / 2;
        }
        return out;
    }

    @Override
    protected String stopReason(double value, int epoch) {
        if (epoch > medians.length || Double.isNaN(medians[epoch - 1])) {
            return null;
        }
        double median = medians[epoch - 1];
        boolean worse = maximize ? value < median : value > median;
        return worse ? "the objective " + value + " at epoch " + epoch + " is worse than the median (" + median
                + ") of the previous training jobs' running averages" : null;
    }

    @Override
    String stopMessage() {
        return "Training job stopped early by the hyperparameter tuning job's early stopping";
    }

    /** A series as stored: the values joined by commas. */
    static String write(List<Double> series) {
        StringBuilder out = new StringBuilder();
        for (double v : series.subList(0, Math.min(series.size(), MAX_EPOCHS))) {
            out.append(out.isEmpty() ? "" : ",").append(v);
        }
        return out.toString();
    }

    static List<Double> read(String stored) {
        List<Double> out = new ArrayList<>();
        for (String v : stored.split(",")) {
            if (out.size() == MAX_EPOCHS) {
                break;
            }
            if (!v.isBlank()) {
                out.add(Double.parseDouble(v));
            }
        }
        return out;
    }
}
