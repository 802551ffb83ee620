package io.haneul.rekognition.video;

import io.haneul.rekognition.vision.Box;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonTrackerTest {

    @Test
    void aBoxThatMovesALittleKeepsItsIndexAndANewOneGetsTheNext() {
        PersonTracker t = new PersonTracker(1250);
        assertArrayEquals(new int[] {0, 1}, t.track(0, List.of(new Box(0.1f, 0.1f, 0.2f, 0.5f), new Box(0.6f, 0.1f, 0.2f, 0.5f))));
        // listed the other way round and moved a little: each keeps its own index
        assertArrayEquals(new int[] {1, 0}, t.track(500, List.of(new Box(0.62f, 0.1f, 0.2f, 0.5f), new Box(0.12f, 0.1f, 0.2f, 0.5f))));
        assertArrayEquals(new int[] {2}, t.track(1000, List.of(new Box(0.4f, 0.6f, 0.1f, 0.1f))));
    }

    @Test
    void aTrackNotSeenForLongerThanTheGapEnds() {
        PersonTracker t = new PersonTracker(1250);
        assertArrayEquals(new int[] {0}, t.track(0, List.of(new Box(0.1f, 0.1f, 0.2f, 0.5f))));
        assertArrayEquals(new int[] {0}, t.track(1000, List.of(new Box(0.1f, 0.1f, 0.2f, 0.5f))));
        assertArrayEquals(new int[] {1}, t.track(3000, List.of(new Box(0.1f, 0.1f, 0.2f, 0.5f))));
    }

    @Test
    void oneTrackTakesOneBoxAFrame() {
        PersonTracker t = new PersonTracker(1000);
        t.track(0, List.of(new Box(0.1f, 0.1f, 0.4f, 0.4f)));
        int[] two = t.track(500, List.of(new Box(0.12f, 0.1f, 0.4f, 0.4f), new Box(0.1f, 0.1f, 0.4f, 0.4f)));
        assertEquals(0, two[1], "the box that overlaps most keeps the index");
        assertEquals(1, two[0]);
    }
}
