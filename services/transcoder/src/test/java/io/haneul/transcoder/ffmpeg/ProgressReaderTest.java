package io.haneul.transcoder.ffmpeg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ffmpeg's -progress blocks read by out_time_us, or by the output's frames when thumbnails share the run. */
class ProgressReaderTest {

    /** Two blocks as ffmpeg 7 writes them for an output with thumbnails: the thumbnail stream holds out_time_us at 0. */
    private static final List<String> BLOCKS = List.of(
            "frame=N/A", "fps=0.00", "out_time_us=N/A", "progress=continue",
            "frame=45", "fps=30.0", "stream_0_0_q=28.0", "out_time_us=0", "out_time=00:00:00.000000", "progress=continue",
            "frame=90", "fps=30.0", "out_time_us=33333", "total_size=123", "progress=end");

    @Test
    void readsOutTimeByDefault() {
        assertEquals(List.of(0L, 33_333L), told(ProgressReader::byOutTime, BLOCKS)); // a block without a time tells nothing
    }

    @Test
    void readsTheFirstVideoOutputsFramesAtItsRate() {
        assertEquals(List.of(1_500_000L, 3_000_000L), told(micros -> ProgressReader.byFrames(30, micros), BLOCKS));
    }

    @Test
    void anUnknownRateFallsBackToOutTime() {
        assertEquals(List.of(0L, 33_333L), told(micros -> ProgressReader.byFrames(0, micros), BLOCKS));
    }

    @Test
    void ntscRatesAreExact() {
        assertEquals(List.of(1_001_000_000L), told(micros -> ProgressReader.byFrames(30000.0 / 1001, micros),
                List.of("frame=30000", "out_time_us=0", "progress=continue")));
    }

    /** What a reader tells of these lines. */
    private static List<Long> told(Function<LongConsumer, ProgressReader> reader, List<String> lines) {
        List<Long> told = new ArrayList<>();
        ProgressReader r = reader.apply(told::add);
        lines.forEach(r::line);
        return told;
    }
}
