package io.haneul.transcoder.ffmpeg;

import io.haneul.core.spi.MediaTools;
import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg and ffprobe programs of JavaCPP's FFmpeg build (GPL: libx264, libvpx, lame, opus,
 * vorbis), extracted from the jar the build resolved on first use, so a fresh machine needs no
 * manual install. They link the system library {@code libpulse.so.0}: the launcher installs it, and
 * when it is missing anyway the first call says the one command that fixes it.
 */
public final class BundledFfmpeg implements MediaTools {

    /** The one command that provides the system library the bundled programs link. */
    public static final String INSTALL_COMMAND = "apt-get install -y libpulse0";

    private volatile Path ffmpeg;
    private volatile Path ffprobe;

    @Override
    public Path ffmpeg() {
        Path p = ffmpeg;
        if (p == null) {
            synchronized (this) {
                if (ffmpeg == null) {
                    ffmpeg = checked(extract(org.bytedeco.ffmpeg.ffmpeg.class));
                }
                p = ffmpeg;
            }
        }
        return p;
    }

    @Override
    public Path ffprobe() {
        Path p = ffprobe;
        if (p == null) {
            synchronized (this) {
                if (ffprobe == null) {
                    ffprobe = checked(extract(org.bytedeco.ffmpeg.ffprobe.class));
                }
                p = ffprobe;
            }
        }
        return p;
    }

    private static Path extract(Class<?> program) {
        try {
            String path = Loader.load(program);
            if (path == null) {
                throw new IllegalStateException("JavaCPP's FFmpeg has no " + program.getSimpleName()
                        + " for this platform (" + Loader.getPlatform() + ")");
            }
            return Path.of(path);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("FFmpeg's " + program.getSimpleName() + " could not be loaded ("
                    + e.getMessage() + "); install its system library with: " + INSTALL_COMMAND, e);
        }
    }

    /** Starts the program once with {@code -version}: a missing shared library shows here, not in a job. */
    private static Path checked(Path program) {
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is not executable");
        }
        try {
            Process p = new ProcessBuilder(program.toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " -version did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(program.getFileName() + " cannot start (" + out.strip()
                        + "); install the system library it needs with: " + INSTALL_COMMAND);
            }
            return program;
        } catch (IOException e) {
            throw new IllegalStateException(program + " cannot start (" + e.getMessage()
                    + "); install the system library it needs with: " + INSTALL_COMMAND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + program, e);
        }
    }
}
