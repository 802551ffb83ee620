package io.haneul.it.rekognition;

import io.haneul.rekognition.video.FrameSampler;
import io.haneul.rekognition.video.MediaProbe;
import io.haneul.rekognition.video.VideoInfo;
import io.haneul.transcoder.ffmpeg.BundledFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored video is untrusted input: a playlist named .mp4 must not make FFmpeg open the files or URLs
 * it lists. The playlist here lists a real H.264 MP4 beside it, which FFmpeg left to guess the format
 * would read through the playlist (probe metadata and frames); forced to the mov demuxer, it reads
 * nothing and the job gets AWS's "Unsupported codec/format." (see RekognitionVideoIT).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntrustedVideoInputIT {

    Path dir;
    BundledFfmpeg ffmpeg = new BundledFfmpeg();
    Path real;
    VideoInfo realInfo;

    @BeforeAll
    void video(@TempDir Path temp) throws Exception {
        dir = temp;
        real = dir.resolve("real.mp4");
        Process p = new ProcessBuilder(ffmpeg.ffmpeg().toString(), "-y", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=10", "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", real.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("make.log").toFile()).start();
        assertEquals(0, p.waitFor(), () -> readLog("make.log"));
        realInfo = new MediaProbe(ffmpeg.ffprobe()).probe(real).orElseThrow();
    }

    private String readLog(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    Path playlist(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aRealMp4IsStillRead() throws Exception {
        assertTrue(realInfo.supported());
        AtomicInteger frames = new AtomicInteger();
        new FrameSampler(ffmpeg.ffmpeg()).sample(real, realInfo, 5, 100, (ts, image) -> frames.incrementAndGet());
        assertTrue(frames.get() >= 4, "frames: " + frames.get());
    }

    @Test
    void aConcatPlaylistNamedMp4IsNotFollowed() throws Exception {
        Path concat = playlist("concat.mp4", "ffconcat version 1.0\nfile real.mp4\n");
        assertTrue(new MediaProbe(ffmpeg.ffprobe()).probe(concat).isEmpty());
        AtomicInteger frames = new AtomicInteger();
        assertThrows(java.io.IOException.class,
                () -> new FrameSampler(ffmpeg.ffmpeg()).sample(concat, realInfo, 5, 100, (ts, image) -> frames.incrementAndGet()));
        assertEquals(0, frames.get());
    }

    @Test
    void anHlsPlaylistNamedMp4IsNotFollowed() throws Exception {
        Path hls = playlist("hls.mp4", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nreal.mp4\n#EXT-X-ENDLIST\n");
        assertTrue(new MediaProbe(ffmpeg.ffprobe()).probe(hls).isEmpty());
    }
}
