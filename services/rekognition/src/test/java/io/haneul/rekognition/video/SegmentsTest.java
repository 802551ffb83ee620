package io.haneul.rekognition.video;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SegmentsTest {

    @Test
    void shotsRunBetweenCutsWithFramesMillisAndTimecodes() {
        List<Segments.Segment> shots = Segments.shots(List.of(new SceneScan.Cut(3.0, 1.0), new SceneScan.Cut(5.0, 0.65)), 200, 25);
        assertEquals(3, shots.size());
        Segments.Segment first = shots.get(0);
        assertEquals(0, first.startFrame());
        assertEquals(74, first.endFrame());
        assertEquals(75, first.durationFrames());
        assertEquals(0, first.startMillis());
        assertEquals(3000, first.endMillis());
        assertEquals("00:00:00:00", first.startTimecode());
        assertEquals("00:00:03:00", first.endTimecode());
        assertEquals(100f, first.confidence());
        assertEquals(100f, shots.get(1).confidence(), 0.01, "a cut of score 1 is certain");
        assertEquals(75f, shots.get(2).confidence(), 0.01, "a score half-way from 0.3 to 1 maps half-way from 50 to 100");
        assertEquals("00:00:08:00", shots.get(2).endTimecode());
        assertEquals(2, shots.get(2).index());
    }

    @Test
    void blackSectionsBecomeCuesWithinTheVideo() {
        List<Segments.Segment> cues = Segments.blacks(List.of(new SceneScan.Black(5.0, 6.0), new SceneScan.Black(7.96, 9.0)), 200, 25);
        assertEquals(2, cues.size());
        assertEquals(125, cues.get(0).startFrame());
        assertEquals(149, cues.get(0).endFrame());
        assertEquals(5000, cues.get(0).startMillis());
        assertEquals(6000, cues.get(0).endMillis());
        assertEquals(199, cues.get(1).endFrame(), "clipped at the last frame");
    }

    @Test
    void timecodesCountWholeFramesAtTheRoundedRate() {
        assertEquals("01:01:01:05", Segments.timecode(3661L * 30 + 5, 29.97));
    }
}
