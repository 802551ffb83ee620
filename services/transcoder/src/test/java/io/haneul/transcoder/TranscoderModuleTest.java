package io.haneul.transcoder;

import io.haneul.core.spi.MediaTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module hands other services (Rekognition Video) the FFmpeg it brings, one locator per module. */
class TranscoderModuleTest {

    @Test
    void exportsMediaToolsThatRun() throws Exception {
        TranscoderModule module = new TranscoderModule();
        MediaTools tools = (MediaTools) module.export(MediaTools.class, null).orElseThrow();
        assertSame(tools, module.export(MediaTools.class, null).orElseThrow());
        assertTrue(module.export(String.class, null).isEmpty());
        for (var program : new java.nio.file.Path[] {tools.ffmpeg(), tools.ffprobe()}) {
            assertTrue(Files.isExecutable(program), program.toString());
            Process p = new ProcessBuilder(program.toString(), "-hide_banner", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("version 7.1.1"), out);
        }
    }
}
