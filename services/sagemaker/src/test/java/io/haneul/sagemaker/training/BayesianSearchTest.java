package io.haneul.sagemaker.training;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ParameterRanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Bayesian strategy against Random on known objectives: it finds better values in the same number of jobs, more reliably. */
class BayesianSearchTest {

    private static final ParameterRanges RANGES = ParameterRanges.builder()
            .continuousParameterRanges(r -> r.name("x").minValue("0").maxValue("1").scalingType("Linear"),
                    r -> r.name("lr").minValue("0.0001").maxValue("1").scalingType("Logarithmic"))
            .categoricalParameterRanges(r -> r.name("booster").values("gbtree", "gblinear", "dart"))
            .build();

    /** Lowest at x = 0.3, lr = 0.01, booster dart. */
    private static double loss(Map<String, String> v) {
        double x = Double.parseDouble(v.get("x"));
        double lr = Math.log10(Double.parseDouble(v.get("lr")));
        return (x - 0.3) * (x - 0.3) + 0.1 * (lr + 2) * (lr + 2) + (v.get("booster").equals("dart") ? 0 : 0.2);
    }

    private static double best(String strategy, long seed, int jobs, ToDoubleFunction<Map<String, String>> objective, boolean maximize) {
        List<BayesianSearch.Trial> trials = new ArrayList<>();
        double best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int i = 0; i < jobs; i++) {
            Map<String, String> values = strategy.equals("Bayesian") ? BayesianSearch.propose(RANGES, maximize, seed, i, trials)
                    : TuningSearch.draw(RANGES, "Random", seed, i);
            double y = objective.applyAsDouble(values);
            trials.add(new BayesianSearch.Trial(values, y));
            best = maximize ? Math.max(best, y) : Math.min(best, y);
        }
        return best;
    }

    @Test
    void itBeatsRandomSearchWithTheSameBudget() {
        double bayesianSum = 0;
        double randomSum = 0;
        double bayesianWorst = 0;
        double randomWorst = 0;
        StringBuilder seen = new StringBuilder();
        for (long seed = 1; seed <= 5; seed++) {
            double bayesian = best("Bayesian", seed, 20, BayesianSearchTest::loss, false);
            double random = best("Random", seed, 20, BayesianSearchTest::loss, false);
            bayesianSum += bayesian;
            randomSum += random;
            bayesianWorst = Math.max(bayesianWorst, bayesian);
            randomWorst = Math.max(randomWorst, random);
            seen.append(String.format(" seed %d: Bayesian %.5f, Random %.5f;", seed, bayesian, random));
            assertTrue(bayesian < 0.05, "seed " + seed + ": Bayesian found " + bayesian);
        }
        // over five seeds the surrogate's best is better on average and in the worst case
        assertTrue(bayesianSum < randomSum / 2, "mean best:" + seen);
        assertTrue(bayesianWorst < randomWorst, "worst best:" + seen);
    }

    @Test
    void maximizeLooksForTheHighestValue() {
        double bayesian = best("Bayesian", 7, 20, v -> -loss(v), true);
        assertTrue(bayesian > -0.05, "Bayesian found " + bayesian);
    }

    @Test
    void theFirstJobsAreRandomAndTheSameHistoryProposesTheSameValues() {
        List<BayesianSearch.Trial> trials = new ArrayList<>();
        for (int i = 0; i < BayesianSearch.RANDOM_START; i++) {
            Map<String, String> v = BayesianSearch.propose(RANGES, false, 3, i, trials);
            assertEquals(TuningSearch.draw(RANGES, "Random", 3, i), v);
            trials.add(new BayesianSearch.Trial(v, loss(v)));
        }
        Map<String, String> next = BayesianSearch.propose(RANGES, false, 3, 3, trials);
        assertEquals(next, BayesianSearch.propose(RANGES, false, 3, 3, List.copyOf(trials)));
        assertNotEquals(TuningSearch.draw(RANGES, "Random", 3, 3), next);
        List<BayesianSearch.Trial> withRunning = new ArrayList<>(trials);
        withRunning.add(new BayesianSearch.Trial(next, null));
        assertNotEquals(next, BayesianSearch.propose(RANGES, false, 3, 3, withRunning), "a running job's values are not proposed again");
    }
}
