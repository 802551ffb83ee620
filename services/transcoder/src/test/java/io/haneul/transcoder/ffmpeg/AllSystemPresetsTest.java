package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import io.haneul.transcoder.presets.SystemPresets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The system presets transcode a tiny clip (1 s, 96x64, with a tone) into what they name, so no
 * system preset is one FFmpeg refuses: one preset per distinct container, codecs, H.264 profile,
 * interlacing and PCM depth (27 of the 62; all 62 passed when this was written, in 110 s on a busy
 * machine, too long to repeat on every build). Each output's measures (Duration, size, frame rate...), read
 * in-process by {@link LibavProbe}, equal ffprobe's reading of the file.
 */
class AllSystemPresetsTest {

    private static final BundledFfmpeg TOOLS = new BundledFfmpeg();

    @TempDir
    static Path media;
    @TempDir
    Path work;

    @BeforeAll
    static void clip() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffmpeg().toString(), "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=96x64:rate=30:duration=1", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                media.resolve("clip.mp4").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    static List<Preset> presets() {
        Map<String, Preset> distinct = new java.util.LinkedHashMap<>();
        for (Preset p : new SystemPresets().all()) {
            String key = p.container() + "|" + (p.video() == null ? "-" : p.video().codec() + p.video().codecOptions())
                    + "|" + (p.audio() == null ? "-" : p.audio().codec() + p.audio().codecOptions());
            distinct.putIfAbsent(key.replaceAll("Level=[0-9.]+|MaxReferenceFrames=\\d", ""), p);
        }
        return List.copyOf(distinct.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void transcodes(Preset preset) {
        CreateJobOutput output = CreateJobOutput.builder().key("out").presetId(preset.id()).build();
        TranscodeJob job = new TranscodeJob(List.of(new TranscodeJob.Input(JobInput.builder().key("clip.mp4").build(),
                media.resolve("clip.mp4"))), List.of(new TranscodeJob.Output(output, preset)), List.of(), Map.of());
        TranscodeResult.OutputResult r = new FfmpegEngine(TOOLS).transcode(job, work, p -> { }).outputs().getFirst();
        assertFalse(r.failed(), r.errorCode() + " " + r.errorMessage());
        if (preset.video() != null) {
            assertNotNull(r.media().width(), "no video in " + preset.name());
        }
        if (preset.audio() != null) {
            assertNotNull(r.media().audioCodec(), "no audio in " + preset.name());
        }
        // the engine measures its output in-process: exactly what ffprobe reads from the file
        Path file = r.files().stream().filter(f -> f.kind() == ProducedFile.Kind.MEDIA).findFirst().orElseThrow().file();
        assertEquals(new Ffprobe(TOOLS.ffprobe()).probe(file).info(), r.media(), preset.name());
    }
}
