package io.haneul.sagemaker.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessiveHalvingTest {

    /** Four previous jobs; at epoch 1 their values are 0.4, 0.5, 0.6, 0.7; at epoch 3: 0.2, 0.3, 0.5, 0.6. */
    private static final List<List<Double>> PREVIOUS = List.of(List.of(0.4, 0.3, 0.2, 0.1), List.of(0.5, 0.4, 0.3, 0.2),
            List.of(0.6, 0.55, 0.5, 0.45), List.of(0.7, 0.65, 0.6, 0.55));

    @Test
    void onlyTheBestThirdAtARungGoesOn() {
        // MinResource 1, MaxResource 9: rungs at epochs 1 and 3; of five values at a rung the best one goes on
        SuccessiveHalving best = new SuccessiveHalving(false, 1, 9, PREVIOUS);
        assertFalse(best.add(0.35), "the best at rung 1");
        assertFalse(best.add(0.9), "epoch 2 is no rung");
        assertFalse(best.add(0.15), "the best at rung 3");
        SuccessiveHalving poor = new SuccessiveHalving(false, 1, 9, PREVIOUS);
        assertTrue(poor.add(0.45), "second of five at rung 1");
        assertTrue(poor.reason().contains("rung epoch 1"), poor.reason());
        SuccessiveHalving maximising = new SuccessiveHalving(true, 1, 9, PREVIOUS);
        assertFalse(maximising.add(0.75), "the highest is the best when maximising");
    }

    @Test
    void everyJobStopsAtMaxResource() {
        SuccessiveHalving rule = new SuccessiveHalving(false, 1, 3, List.of());
        assertFalse(rule.add(0.5));
        assertFalse(rule.add(0.4));
        assertTrue(rule.add(0.3));
        assertTrue(rule.reason().contains("MaxResource (3)"), rule.reason());
    }

    @Test
    void noJobIsCutBeforeMinResourceOrWithoutThreeOthersAtTheRung() {
        SuccessiveHalving late = new SuccessiveHalving(false, 2, 9, PREVIOUS);
        assertFalse(late.add(9.0), "epoch 1 is below MinResource 2");
        assertTrue(late.add(9.0), "epoch 2 is a rung");
        SuccessiveHalving few = new SuccessiveHalving(false, 1, 9, PREVIOUS.subList(0, 2));
        assertFalse(few.add(9.0));
    }
}
