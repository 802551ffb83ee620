package io.haneul.sagemaker.training;

import java.util.ArrayList;
import java.util.List;

/** A tuning job's rule for stopping one of its training jobs from the objective values it reports, epoch by epoch. */
abstract class StoppingRule {

    /**
     * The most epochs of a series kept in memory and stored for the jobs after it; later values are still judged (the rules
     * find no previous job that reached those epochs, so they do not stop the job) but not kept.
     */
    static final int MAX_EPOCHS = 10_000;

    private final List<Double> current = new ArrayList<>();
    private int epochs;
    private String reason;

    /** Adds the value of the next epoch; true when the job should stop. */
    final synchronized boolean add(double value) {
        epochs++;
        if (current.size() < MAX_EPOCHS) {
            current.add(value);
        }
        reason = stopReason(value, epochs);
        return reason != null;
    }

    /** Why the job should stop after reporting {@code value} at {@code epoch} (1-based), or null when it goes on. */
    protected abstract String stopReason(double value, int epoch);

    /** The values added so far, the first {@link #MAX_EPOCHS} of them. */
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
