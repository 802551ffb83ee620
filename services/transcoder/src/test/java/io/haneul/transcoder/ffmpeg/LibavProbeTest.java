package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The in-process measure of a file reads exactly what ffprobe reads (the whole {@link Ffprobe.Probed}:
 * duration in ms, size, frame rate, codecs, container, rotation, field order, cover art, channels) on
 * media FFmpeg makes: H.264/AAC MP4 at 29.97 fps, one turned by its display matrix, interlaced MPEG-2 in
 * TS, VP8/Vorbis WebM, MP3 with a cover, GIF, FLAC, and an HLS manifest with its segments; and refuses a
 * file that is not media with 4000, as ffprobe's reading does.
 */
class LibavProbeTest {

    private static final BundledFfmpeg TOOLS = new BundledFfmpeg();

    @TempDir
    static Path media;

    private final Ffprobe ffprobe = new Ffprobe(TOOLS.ffprobe());
    private final LibavProbe libav = new LibavProbe();

    @BeforeAll
    static void generateMedia() throws Exception {
        String video = "testsrc=size=160x120:rate=30000/1001:duration=1.3";
        String tone = "sine=frequency=440:sample_rate=44100:duration=1.3";
        ffmpeg("-f", "lavfi", "-i", video, "-f", "lavfi", "-i", tone, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file("h264.mp4"));
        ffmpeg("-display_rotation", "90", "-i", file("h264.mp4"), "-c", "copy", file("rotated.mp4"));
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-c:v", "mpeg2video", "-flags", "+ilme+ildct",
                "-top", "1", "-f", "mpegts", file("interlaced.ts"));
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=96x64:rate=15:duration=1", "-f", "lavfi", "-i", tone, "-c:v", "libvpx",
                "-c:a", "vorbis", "-strict", "-2", "-ac", "2", "-shortest", file("vp8.webm"));
        ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=32x32", "-frames:v", "1", file("cover.png"));
        ffmpeg("-f", "lavfi", "-i", tone, "-i", file("cover.png"), "-map", "0:a", "-map", "1", "-c:a", "libmp3lame",
                "-c:v", "png", "-disposition:v", "attached_pic", file("cover.mp3"));
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1", file("anim.gif"));
        ffmpeg("-f", "lavfi", "-i", tone, "-c:a", "flac", file("tone.flac"));
        ffmpeg("-i", file("h264.mp4"), "-c", "copy", "-f", "hls", "-hls_time", "1", "-hls_list_size", "0", file("list.m3u8"));
        Files.writeString(media.resolve("bad.mp4"), "this is not media at all");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h264.mp4", "rotated.mp4", "interlaced.ts", "vp8.webm", "cover.mp3", "anim.gif", "tone.flac"})
    void readsWhatFfprobeReads(String name) {
        Path file = media.resolve(name);
        assertEquals(ffprobe.probe(file), libav.probe(file));
    }

    @Test
    void readsAnHlsManifestWithTheOptionsFfprobeIsGiven() {
        Path manifest = media.resolve("list.m3u8");
        Map<String, String> options = Map.of("allowed_extensions", "ALL", "protocol_whitelist", "file,crypto,data");
        assertEquals(ffprobe.probe(manifest, List.of("-allowed_extensions", "ALL", "-protocol_whitelist", "file,crypto,data")),
                libav.probe(manifest, options));
    }

    @Test
    void theTurnAndTheFieldOrderAreThoseOfTheFile() {
        // -display_rotation 90 turns counter-clockwise: a player turns the picture 270 degrees clockwise
        assertEquals(270, libav.probe(media.resolve("rotated.mp4")).info().rotation());
        assertEquals(true, libav.probe(media.resolve("interlaced.ts")).interlaced());
        assertEquals("29.97", libav.probe(media.resolve("h264.mp4")).info().frameRate());
    }

    @Test
    void aFileThatIsNotMediaIs4000() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> libav.probe(media.resolve("bad.mp4")));
        assertEquals("4000", e.code());
        assertEquals("4000", assertThrows(TranscodeException.class, () -> ffprobe.probe(media.resolve("bad.mp4"))).code());
    }

    private static String file(String name) {
        return media.resolve(name).toString();
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffmpeg().toString(), "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
