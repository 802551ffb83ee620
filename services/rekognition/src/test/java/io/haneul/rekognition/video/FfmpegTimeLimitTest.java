package io.haneul.rekognition.video;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stalling FFmpeg (here a stand-in that sleeps far longer than the limit and writes nothing) is
 * killed at its time limit and the work fails instead of holding its job slot.
 */
class FfmpegTimeLimitTest {

    static final Duration SHORT = Duration.ofMillis(300);
    static final VideoInfo INFO = new VideoInfo("h264", "QuickTime / MOV", "mov,mp4,m4a,3gp,3g2,mj2", 0, 10, 64, 48, "LIMITED", null);

    @TempDir
    Path dir;
    Path stalling;
    Path video;

    @BeforeEach
    void programs() throws Exception {
        stalling = Files.writeString(dir.resolve("stalling-ffmpeg"), "#!/bin/sh\nexec sleep 120\n");
        assertTrue(stalling.toFile().setExecutable(true));
        video = Files.writeString(dir.resolve("video.media"), "not read");
    }

    @Test
    void framesThatNeverComeFailTheSampling() {
        int[] frames = {0};
        assertThrows(Processes.TimedOut.class, () -> new FrameSampler(stalling, SHORT).sample(video, INFO, 1, 10, (ts, image) -> frames[0]++));
        assertEquals(0, frames[0]);
    }

    @Test
    void aSceneScanThatDoesNotEndFails() {
        assertThrows(Processes.TimedOut.class, () -> new SceneScan(stalling, SHORT).scan(video, 0, 0.2, 99));
    }

    @Test
    void aProbeThatDoesNotEndFindsNoVideo() throws Exception {
        assertTrue(new MediaProbe(stalling, SHORT).probe(video).isEmpty());
    }

    @Test
    void theLimitGrowsWithTheVideo() {
        assertEquals(Duration.ofSeconds(110), Processes.limit(Duration.ofMinutes(1), 10_000));
    }
}
