package io.haneul.transcoder.ffmpeg;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fragment times turned into Smooth's 100 ns units from the stream's time base as ffprobe prints it. */
class FfprobeTicksTest {

    @Test
    void timesInTheStreamsTimeBaseBecomeTicks() {
        assertEquals(List.of(0L, 10_000_000L), Ffprobe.ticks(List.of(0L, 10_000_000L), "1/10000000"));
        assertEquals(List.of(0L, 10_026_667L), Ffprobe.ticks(List.of(0L, 48_128L), "1/48000"));
    }

    @Test
    void aTimeBaseFfprobeCouldNotTellGivesNoTimesRatherThanFailingTheOutput() {
        assertEquals(List.of(), Ffprobe.ticks(List.of(0L, 1L), "N/A"));
        assertEquals(List.of(), Ffprobe.ticks(List.of(0L, 1L), "1/0"));
        assertEquals(List.of(), Ffprobe.ticks(List.of(0L, 1L), ""));
    }
}
