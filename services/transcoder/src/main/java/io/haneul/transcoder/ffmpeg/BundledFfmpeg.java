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
            Path executable = Path.of(path);
            linkVersionedNames(executable.getParent());
            return launcher(executable);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("FFmpeg's " + program.getSimpleName() + " could not be loaded ("
                    + e.getMessage() + "); install its system library with: " + INSTALL_COMMAND, e);
        }
    }

    /**
     * The programs ask for {@code libva.so.2} and {@code libva-drm.so.2}, but the jar carries them as
     * {@code libva.so} and {@code libva-drm.so}: the versioned names are links made beside them.
     */
    private static void linkVersionedNames(Path dir) {
        for (String lib : new String[] {"libva.so", "libva-drm.so"}) {
            Path target = dir.resolve(lib);
            Path link = dir.resolve(lib + ".2");
            if (Files.exists(target) && !Files.exists(link)) {
                try {
                    Files.createSymbolicLink(link, target.getFileName());
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process made it first
                } catch (IOException e) {
                    throw new IllegalStateException("cannot link " + link + " to " + target + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * A script beside the program that runs it with its directory on the library path: the bundled
     * libraries find each other only that way (libavutil has no RUNPATH), and callers that only get a
     * {@link Path} (Rekognition) need no environment of their own. {@code exec} keeps the process id, so
     * killing the process kills the program.
     */
    private static Path launcher(Path executable) {
        Path dir = executable.getParent();
        Path script = dir.resolve("haneul-" + executable.getFileName());
        String text = "#!/bin/sh\nLD_LIBRARY_PATH='" + dir + "'${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} exec '"
                + executable + "' \"$@\"\n";
        try {
            if (!Files.exists(script) || !Files.readString(script).equals(text)) {
                Path tmp = Files.createTempFile(dir, "launcher", ".tmp");
                Files.writeString(tmp, text);
                tmp.toFile().setExecutable(true, false);
                Files.move(tmp, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return script;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + script + ": " + e.getMessage(), e);
        }
    }

    /** Starts the program once with {@code -version}: a missing shared library shows here, not in a job. */
    private static Path checked(Path program) {
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(program + " is not executable");
        }
        Path output = null;
        try {
            // The output goes to a file, not a pipe: reading a pipe to its end would wait as long as the
            // program runs, and the time limit below would never apply.
            output = Files.createTempFile("haneul-ffmpeg-check", ".txt");
            Process p = new ProcessBuilder(program.toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " -version did not finish within 30 s");
            }
            String out = new String(Files.readAllBytes(output));
            if (p.exitValue() != 0) {
                throw new IllegalStateException(program.getFileName() + " cannot start (" + out.strip() + ")"
                        + (out.contains("libpulse") ? "; install the system library it needs with: " + INSTALL_COMMAND : ""));
            }
            return program;
        } catch (IOException e) {
            throw new IllegalStateException(program + " cannot start (" + e.getMessage()
                    + "); install the system library it needs with: " + INSTALL_COMMAND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + program, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover file in the temp directory is harmless
                }
            }
        }
    }
}
