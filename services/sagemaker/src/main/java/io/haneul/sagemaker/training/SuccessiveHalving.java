package io.haneul.sagemaker.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Hyperband strategy's stopping, as asynchronous successive halving with reduction factor {@link #ETA}: rungs are
 * the epochs MinResource · 3^k below MaxResource; a job that reaches a rung goes on only when its objective there is
 * among the best third of the values the tuning job's previous training jobs had at that epoch together with its own
 * (once {@link #ETA} previous jobs reached it), and every job stops when it reaches MaxResource epochs. Before
 * MinResource epochs no job is stopped.
 */
final class SuccessiveHalving extends StoppingRule {

    static final int ETA = 3;

    private final boolean maximize;
    private final int minResource;
    private final int maxResource;
    private final List<List<Double>> previous;

    SuccessiveHalving(boolean maximize, int minResource, int maxResource, List<List<Double>> previous) {
        this.maximize = maximize;
        this.minResource = Math.max(1, minResource);
        this.maxResource = maxResource;
        this.previous = List.copyOf(previous);
    }

    @Override
    protected String stopReason(double value, int epoch) {
        if (epoch >= maxResource) {
            return "epoch " + epoch + " reached the Hyperband MaxResource (" + maxResource + ")";
        }
        if (!isRung(epoch)) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (List<Double> series : previous) {
            if (series.size() >= epoch) {
                values.add(series.get(epoch - 1));
            }
        }
        if (values.size() < ETA) {
            return null;
        }
        values.add(value);
        values.sort(maximize ? Comparator.reverseOrder() : Comparator.naturalOrder());
        int kept = Math.max(1, values.size() / ETA);
        double threshold = values.get(kept - 1);
        boolean promoted = maximize ? value >= threshold : value <= threshold;
        return promoted ? null : "the objective " + value + " at rung epoch " + epoch + " is not among the best 1/" + ETA + " of "
                + values.size() + " training jobs there";
    }

    private boolean isRung(int epoch) {
        for (long rung = minResource; rung < maxResource; rung *= ETA) {
            if (rung == epoch) {
                return true;
            }
        }
        return false;
    }

    @Override
    String stopMessage() {
        return "Training job stopped by the hyperparameter tuning job's Hyperband strategy";
    }
}
