package io.haneul.sagemaker.training;

import java.util.ArrayList;
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
    private final List<List<Double>> previous;

    /** @param previous the objective values, epoch by epoch, of the tuning job's training jobs that ended */
    MedianStopping(boolean maximize, List<List<Double>> previous) {
        this.maximize = maximize;
        this.previous = List.copyOf(previous);
    }

    @Override
    protected String stopReason(double value, int epoch) {
        List<Double> averages = new ArrayList<>();
        for (List<Double> series : previous) {
            if (series.size() >= epoch) {
                double sum = 0;
                for (int i = 0; i < epoch; i++) {
                    sum += series.get(i);
                }
                averages.add(sum / epoch);
            }
        }
        if (averages.size() < MIN_PREVIOUS) {
            return null;
        }
        averages.sort(null);
        int n = averages.size();
        double median = n % 2 == 1 ? averages.get(n / 2) : (averages.get(n / 2 - 1) + averages.get(n / 2)) / 2;
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
        for (double v : series) {
            out.append(out.isEmpty() ? "" : ",").append(v);
        }
        return out.toString();
    }

    static List<Double> read(String stored) {
        List<Double> out = new ArrayList<>();
        for (String v : stored.split(",")) {
            if (!v.isBlank()) {
                out.add(Double.parseDouble(v));
            }
        }
        return out;
    }
}
