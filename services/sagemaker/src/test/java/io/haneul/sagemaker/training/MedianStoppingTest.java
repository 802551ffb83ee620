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
    void seriesAreStoredAsText() {
        assertEquals(List.of(0.5, 0.25), MedianStopping.read(MedianStopping.write(List.of(0.5, 0.25))));
        assertEquals(List.of(), MedianStopping.read(""));
    }
}
