package io.haneul.sagemaker.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MedianStoppingTest {

    private static final List<List<Double>> PREVIOUS = List.of(List.of(0.5, 0.3, 0.1), List.of(0.6, 0.4, 0.3), List.of(0.55, 0.45, 0.35));

    @Test
    void aValueWorseThanTheMedianOfTheRunningAveragesStopsTheJob() {
        // epoch 1: averages 0.5, 0.6, 0.55 (median 0.55); epoch 2: 0.4, 0.5, 0.5 (median 0.5)
        MedianStopping good = new MedianStopping(false, PREVIOUS);
        assertFalse(good.add(0.54));
        assertFalse(good.add(0.45));
        MedianStopping poor = new MedianStopping(false, PREVIOUS);
        assertFalse(poor.add(0.5));
        assertTrue(poor.add(0.52), "0.52 at epoch 2 is worse than the median running average 0.5");
        assertEquals(List.of(0.5, 0.52), poor.series());
    }

    @Test
    void maximisingReversesTheComparison() {
        MedianStopping rule = new MedianStopping(true, PREVIOUS);
        assertTrue(rule.add(0.54), "lower than the median 0.55 when higher is better");
        assertFalse(new MedianStopping(true, PREVIOUS).add(0.56));
    }

    @Test
    void itWaitsForThreePreviousJobsThatReachedTheEpoch() {
        MedianStopping early = new MedianStopping(false, PREVIOUS.subList(0, 2));
        assertFalse(early.add(9.0));
        MedianStopping longer = new MedianStopping(false, PREVIOUS);
        longer.add(0.1);
        longer.add(0.1);
        longer.add(0.1);
        assertFalse(longer.add(9.0), "no previous job reached epoch 4");
    }

    @Test
    void longSeriesAreJudgedAgainstPrecomputedAveragesAndKeptUpToTheCap() {
        // 50 previous jobs of 30,000 epochs each: job k reports k/100 at every epoch, so its running average is k/100
        List<List<Double>> previous = new java.util.ArrayList<>();
        for (int k = 0; k < 50; k++) {
            previous.add(java.util.Collections.nCopies(30_000, k / 100.0));
        }
        MedianStopping rule = new MedianStopping(false, previous);
        int cap = StoppingRule.MAX_EPOCHS;
        for (int epoch = 1; epoch <= cap; epoch++) {
            assertFalse(rule.add(0.2), "0.2 is better than the median 0.245 at epoch " + epoch);
        }
        // past the cap no previous job's series reaches the epoch: the rule no longer stops the job and keeps no more values
        assertFalse(rule.add(9.0));
        assertEquals(cap, rule.series().size());
        assertEquals(cap, MedianStopping.read(MedianStopping.write(previous.getFirst())).size(), "stored series are capped too");
        MedianStopping poor = new MedianStopping(false, previous);
        assertTrue(poor.add(0.3), "0.3 is worse than the median 0.245");
    }

    @Test
    void seriesAreStoredAsText() {
        assertEquals(List.of(0.5, 0.25), MedianStopping.read(MedianStopping.write(List.of(0.5, 0.25))));
        assertEquals(List.of(), MedianStopping.read(""));
    }
}
