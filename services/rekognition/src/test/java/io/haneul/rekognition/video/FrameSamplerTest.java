package io.haneul.rekognition.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An FFmpeg that cannot read the video fails the sampling with its own last error line (a stand-in that complains and exits 1). */
class FrameSamplerTest {

    @TempDir
    Path dir;

    @Test
    void aFailingFfmpegSaysWhy() throws Exception {
        Path failing = Files.writeString(dir.resolve("failing-ffmpeg"),
                "#!/bin/sh\necho 'first complaint' >&2\necho 'video.media: Invalid data found when processing input' >&2\nexit 1\n");
        assertTrue(failing.toFile().setExecutable(true));
        Path video = Files.writeString(dir.resolve("video.media"), "not a video");
        IOException e = assertThrows(IOException.class, () -> new FrameSampler(failing).sample(video, FfmpegTimeLimitTest.INFO, 1, 10,
                (ts, image) -> {
                }));
        assertEquals("ffmpeg could not read the video (exit 1): video.media: Invalid data found when processing input", e.getMessage());
    }
}
