package io.haneul.transcoder.ffmpeg;

import java.util.function.LongConsumer;

/**
 * Reads ffmpeg's {@code -progress} output, blocks of {@code key=value} lines each ending with
 * {@code progress=continue} (or {@code end}), and tells how far the output has got, in microseconds.
 *
 * <p>ffmpeg's {@code out_time_us} is the position of the least advanced of all the run's output streams.
 * When the run also writes thumbnails, that is the thumbnail stream, which gets one frame per Interval
 * (60 s, 300 s): {@code out_time_us} stays at the last thumbnail's time, and a 3 s output ends the run
 * at 33 ms. Such runs are read by the main video stream instead: {@code frame=} counts the packets of the
 * run's first video output stream (the output file comes before the thumbnails on the command line), and
 * the output's frame rate makes that a time.
 */
final class ProgressReader {

    private final double framesPerSecond;
    private final LongConsumer micros;
    private long frames = -1;
    private long outTime = -1;

    private ProgressReader(double framesPerSecond, LongConsumer micros) {
        this.framesPerSecond = framesPerSecond;
        this.micros = micros;
    }

    /** Reads {@code out_time_us}: runs whose outputs all advance together. */
    static ProgressReader byOutTime(LongConsumer micros) {
        return new ProgressReader(0, micros);
    }

    /**
     * Reads the first video output's frame count at {@code framesPerSecond} (runs that write thumbnails
     * beside it); {@code out_time_us} when the rate is unknown (0).
     */
    static ProgressReader byFrames(double framesPerSecond, LongConsumer micros) {
        return new ProgressReader(Math.max(0, framesPerSecond), micros);
    }

    /** Nothing is told (runs whose progress does not count, such as sidecar captions). */
    static ProgressReader ignored() {
        return byOutTime(m -> { });
    }

    /** One line of ffmpeg's progress output; the block's position is told at its {@code progress=} line. */
    void line(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        switch (key) {
            case "frame" -> frames = number(value);
            case "out_time_us" -> outTime = number(value);
            case "progress" -> {
                long at = framesPerSecond > 0 && frames >= 0 ? Math.round(frames * 1_000_000 / framesPerSecond) : outTime;
                if (at >= 0) {
                    micros.accept(at);
                }
                frames = -1;
                outTime = -1;
            }
            default -> { }
        }
    }

    /** A value, or -1 for ffmpeg's {@code N/A} before the first frame. */
    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
