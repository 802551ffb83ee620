package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs one ffmpeg command as a child process: its {@code -progress pipe:1} lines go to a
 * {@link ProgressReader}, its stderr's last lines explain a failure, and the calling
 * thread's interruption kills it at once (the job was cancelled or the server is stopping).
 */
final class FfmpegProcess {

    private static final int STDERR_LINES = 15;

    private FfmpegProcess() {
    }

    /**
     * @param progress reads ffmpeg's progress blocks
     * @throws TranscodeException {@code cancelled} on interruption; {@code failureCode} when ffmpeg fails
     */
    static void run(Path ffmpeg, List<String> args, Path workDir, ProgressReader progress, String failureCode) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg.toString());
        cmd.addAll(List.of("-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-progress", "pipe:1", "-nostats"));
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new TranscodeException("9000", "ffmpeg could not start: " + e.getMessage()
                    + " (install its system library with: " + BundledFfmpeg.INSTALL_COMMAND + ")", e);
        }
        Deque<String> errors = new ArrayDeque<>();
        Thread stderr = Thread.ofVirtual().start(() -> tail(p.getErrorStream(), errors));
        Thread stdout = Thread.ofVirtual().start(() -> progress(p.getInputStream(), progress));
        try {
            // waitFor, unlike a pipe read, answers interruption at once
            int exit = p.waitFor();
            stdout.join();
            stderr.join();
            if (exit != 0) {
                String detail;
                synchronized (errors) {
                    detail = String.join(" | ", errors);
                }
                throw new TranscodeException(failureCode, "FFmpeg could not transcode the file: "
                        + (detail.isBlank() ? "exit status " + exit : detail));
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt(); // the runner still sees why the job stopped
            throw TranscodeException.cancelled();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** Whether {@code ffmpeg -encoders} lists the encoder (false when the program cannot run). */
    static boolean hasEncoder(Path ffmpeg, String encoder) {
        try {
            Process p = new ProcessBuilder(ffmpeg.toString(), "-hide_banner", "-encoders")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return listing.lines().anyMatch(line -> line.strip().split("\\s+").length > 1
                    && line.strip().split("\\s+")[1].equals(encoder));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TranscodeException.cancelled();
        }
    }

    private static void progress(InputStream in, ProgressReader progress) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                progress.line(line);
            }
        } catch (IOException ignored) {
            // the process went away
        }
    }

    private static void tail(InputStream in, Deque<String> errors) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (errors) {
                    errors.addLast(line.strip());
                    if (errors.size() > STDERR_LINES) {
                        errors.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process went away
        }
    }
}
