package io.haneul.rekognition.video;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frames of a video sampled at a fixed rate by FFmpeg's {@code fps} filter and read one at a time from
 * its raw RGB output, so that a job holds one frame in memory whatever the video's length. Frames are
 * scaled down so that their longer side is at most {@link #MAX_SIDE} pixels. The k-th frame shows the
 * video at {@code k / rate} seconds. FFmpeg failing to read the file is an {@code IOException}, not an
 * empty video (its message ends with FFmpeg's last error line), and so is FFmpeg stalling: it is killed once it has kept the job waiting for frames longer
 * than {@link Processes#limit} for the video's length.
 */
public final class FrameSampler {

    /** The longest side of a sampled frame. */
    public static final int MAX_SIDE = 1280;

    /** What each sampled frame is handed to; it may throw to stop the job. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(long timestampMillis, BufferedImage image) throws Exception;
    }

    private final Path ffmpeg;
    private final Duration base;

    public FrameSampler(Path ffmpeg) {
        this(ffmpeg, Processes.BASE_LIMIT);
    }

    /** @param base the fixed part of FFmpeg's time limit, {@link Processes#limit} */
    FrameSampler(Path ffmpeg, Duration base) {
        this.ffmpeg = ffmpeg;
        this.base = base;
    }

    /**
     * The rate to sample a video at: {@code preferred} frames a second, lowered so that at most
     * {@code maxFrames} are taken from the whole video, and never above the video's own rate.
     */
    public static double rate(VideoInfo info, double preferred, int maxFrames) {
        double seconds = Math.max(0.001, info.durationMillis() / 1000.0);
        return Math.min(Math.min(preferred, maxFrames / seconds), info.frameRate());
    }

    /** Runs FFmpeg over the file and hands every sampled frame, in order, to {@code sink}; at most {@code maxFrames}. */
    public void sample(Path file, VideoInfo info, double rate, int maxFrames, FrameSink sink) throws Exception {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(info.width(), info.height()));
        int w = Math.max(2, (int) Math.round(info.width() * scale / 2) * 2);
        int h = Math.max(2, (int) Math.round(info.height() * scale / 2) * 2);
        Duration limit = Processes.limit(base, info.durationMillis());
        Path log = null;
        Process p = null;
        Waiting waiting = null;
        try {
            log = Files.createTempFile("haneul-frames", ".log");
            p = new ProcessBuilder(Processes.command(List.of(ffmpeg.toString(), "-nostdin", "-v", "error"), Processes.input(file),
                    List.of("-an", "-vf", "fps=" + rate + ",scale=" + w + ":" + h, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1")))
                    .redirectError(log.toFile()).start();
            waiting = new Waiting(p, limit);
            try (InputStream raw = p.getInputStream(); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 20))) {
                byte[] buffer = new byte[w * h * 3];
                for (int k = 0; k < maxFrames; k++) {
                    try {
                        waiting.begin();
                        in.readFully(buffer);
                        waiting.end();
                    } catch (EOFException end) {
                        int rc = p.waitFor();
                        if (waiting.killed()) {
                            throw new Processes.TimedOut("ffmpeg did not deliver the frames within " + limit.toSeconds() + " s");
                        }
                        if (rc != 0) {
                            throw new java.io.IOException("ffmpeg could not read the video (exit " + rc + ")" + lastLine(log));
                        }
                        break;
                    }
                    sink.frame(Math.round(k * 1000.0 / rate), image(buffer, w, h));
                }
            }
        } finally {
            if (waiting != null) {
                waiting.stop();
            }
            if (p != null) {
                p.destroyForcibly();
                p.waitFor();
            }
            if (log != null) {
                Files.deleteIfExists(log);
            }
        }
    }

    /** FFmpeg's last complaint (its stderr, at {@code -v error}, goes to the log), to say why it failed; empty when it said nothing. */
    private static String lastLine(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String last = lines.getLast().strip();
        return ": " + (last.length() > 300 ? last.substring(0, 300) : last);
    }

    /**
     * Kills FFmpeg once the time spent waiting for its frames passes the limit. Only the waiting counts:
     * the time the analysis takes over each frame (FFmpeg is blocked on the pipe meanwhile) is not FFmpeg's.
     */
    private static final class Waiting {
        private final Process process;
        private final long limitNanos;
        private final AtomicLong waited = new AtomicLong();
        private final AtomicLong since = new AtomicLong();
        private final AtomicBoolean killed = new AtomicBoolean();
        private final Thread watchdog;

        Waiting(Process process, Duration limit) {
            this.process = process;
            this.limitNanos = limit.toNanos();
            this.watchdog = Thread.ofVirtual().name("haneul-ffmpeg-watchdog").start(this::watch);
        }

        void begin() {
            since.set(System.nanoTime());
        }

        void end() {
            waited.addAndGet(System.nanoTime() - since.getAndSet(0));
        }

        boolean killed() {
            return killed.get();
        }

        void stop() {
            watchdog.interrupt();
        }

        private void watch() {
            try {
                while (process.isAlive()) {
                    long start = since.get();
                    long left = limitNanos - waited.get() - (start == 0 ? 0 : System.nanoTime() - start);
                    if (left <= 0) {
                        killed.set(true);
                        process.destroyForcibly();
                        return;
                    }
                    Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
                }
            } catch (InterruptedException stopped) {
                // the frames were all read
            }
        }
    }

    private static BufferedImage image(byte[] rgb, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[w * h];
        for (int i = 0, j = 0; i < pixels.length; i++, j += 3) {
            pixels[i] = (rgb[j] & 0xff) << 16 | (rgb[j + 1] & 0xff) << 8 | (rgb[j + 2] & 0xff);
        }
        image.setRGB(0, 0, w, h, pixels, 0, w);
        return image;
    }
}
