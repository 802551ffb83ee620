package io.haneul.sagemaker.training;

import java.util.ArrayList;
import java.util.List;

/** A tuning job's rule for stopping one of its training jobs from the objective values it reports, epoch by epoch. */
abstract class StoppingRule {

    private final List<Double> current = new ArrayList<>();
    private String reason;

    /** Adds the value of the next epoch; true when the job should stop. */
    final synchronized boolean add(double value) {
        current.add(value);
        reason = stopReason(value, current.size());
        return reason != null;
    }

    /** Why the job should stop after reporting {@code value} at {@code epoch} (1-based), or null when it goes on. */
    protected abstract String stopReason(double value, int epoch);

    /** The values added so far. */
    final synchronized List<Double> series() {
        return List.copyOf(current);
    }

    /** Why the last {@link #add} stopped the job, for the job's log. */
    final synchronized String reason() {
        return reason;
    }

    /** The job's StatusMessage when the rule stopped it. */
    abstract String stopMessage();
}
