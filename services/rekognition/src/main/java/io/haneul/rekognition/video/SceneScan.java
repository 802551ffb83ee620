package io.haneul.rekognition.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shot changes and black sections measured by FFmpeg in one pass: its {@code select} filter's scene
 * score (the difference between a frame and the one before, 0 to 1) marks a cut where it exceeds
 * {@link #CUT_SCORE}, and {@code blackdetect} reports each run of frames whose pixels are nearly all
 * dark. Colour bars, end credits, slates and studio logos have no detector here.
 */
public final class SceneScan {

    /** The scene score above which a frame starts a new shot. */
    public static final double CUT_SCORE = 0.3;

    /** A cut: the first frame of a new shot, at {@code seconds}, and how different it was from the frame before (0 to 1). */
    public record Cut(double seconds, double score) {
    }

    /** A black section from {@code start} to {@code end} seconds. */
    public record Black(double start, double end) {
    }

    public record Result(List<Cut> cuts, List<Black> blacks) {
    }

    private static final Pattern PTS = Pattern.compile("pts_time:([0-9.]+)");
    private static final Pattern SCORE = Pattern.compile("lavfi\\.scene_score=([0-9.]+)");
    private static final Pattern BLACK = Pattern.compile("black_start:([0-9.]+) black_end:([0-9.]+)");

    private final Path ffmpeg;
    private final Duration base;

    public SceneScan(Path ffmpeg) {
        this(ffmpeg, Processes.BASE_LIMIT);
    }

    /** @param base the fixed part of FFmpeg's time limit, {@link Processes#limit} */
    SceneScan(Path ffmpeg, Duration base) {
        this.ffmpeg = ffmpeg;
        this.base = base;
    }

    /**
     * @param videoMillis   the video's length, which FFmpeg's time limit is scaled to ({@link Processes#limit})
     * @param maxPixel      the darkest a pixel may be and still count as black, 0 to 1 of the luma range (AWS's MaxPixelThreshold)
     * @param minCoverage   percent of a frame's pixels that must be black (AWS's MinCoveragePercentage)
     */
    public Result scan(Path file, long videoMillis, double maxPixel, double minCoverage) throws IOException, InterruptedException {
        Path log = Files.createTempFile("haneul-scenes", ".log");
        try {
            String filter = String.format(Locale.ROOT, "blackdetect=d=0.04:pix_th=%.3f:pic_th=%.3f,select='gt(scene,%.2f)',metadata=print",
                    maxPixel, minCoverage / 100.0, CUT_SCORE);
            int rc = Processes.run(Processes.command(List.of(ffmpeg.toString(), "-nostdin", "-nostats", "-hide_banner", "-v", "info"), Processes.input(file),
                    List.of("-an", "-vf", filter, "-f", "null", "-")), log, Processes.limit(base, videoMillis));
            if (rc != 0) {
                throw new IOException("ffmpeg could not scan the video (exit " + rc + ")");
            }
            return parse(Files.readAllLines(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Reads the filters' log: a {@code pts_time} line is followed by its {@code lavfi.scene_score} line. */
    static Result parse(List<String> lines) {
        List<Cut> cuts = new ArrayList<>();
        List<Black> blacks = new ArrayList<>();
        Double pending = null;
        for (String line : lines) {
            Matcher black = BLACK.matcher(line);
            if (black.find()) {
                blacks.add(new Black(Double.parseDouble(black.group(1)), Double.parseDouble(black.group(2))));
                continue;
            }
            Matcher score = SCORE.matcher(line);
            if (score.find() && pending != null) {
                cuts.add(new Cut(pending, Double.parseDouble(score.group(1))));
                pending = null;
                continue;
            }
            if (line.contains("[Parsed_metadata")) {
                Matcher pts = PTS.matcher(line);
                if (pts.find()) {
                    pending = Double.parseDouble(pts.group(1));
                }
            }
        }
        return new Result(cuts, blacks);
    }
}
