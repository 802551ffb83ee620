package io.haneul.rekognition.video;

import java.util.ArrayList;
import java.util.List;

/**
 * Shot and black-frame segments in frames, milliseconds and SMPTE timecodes, from a {@link SceneScan}.
 * A segment runs from its first frame to the end of its last; timecodes are non-drop-frame
 * {@code HH:MM:SS:FF} counted at the video's rate rounded to whole frames.
 */
public final class Segments {

    /**
     * One segment. {@code kind} is SHOT or TECHNICAL_CUE; {@code index} numbers shots from 0 (null for a
     * cue); {@code confidence} is 0 to 100.
     */
    public record Segment(String kind, Integer index, float confidence, long startFrame, long endFrame, double fps) {

        public long durationFrames() {
            return endFrame - startFrame + 1;
        }

        public long startMillis() {
            return Math.round(startFrame * 1000 / fps);
        }

        public long endMillis() {
            return Math.round((endFrame + 1) * 1000 / fps);
        }

        public long durationMillis() {
            return endMillis() - startMillis();
        }

        public String startTimecode() {
            return timecode(startFrame, fps);
        }

        public String endTimecode() {
            return timecode(endFrame + 1, fps);
        }

        public String durationTimecode() {
            return timecode(durationFrames(), fps);
        }
    }

    private Segments() {
    }

    /**
     * The shots between cuts: the first starts at frame 0 with confidence 100 (nothing precedes it);
     * each later one carries its cut's scene score mapped to 50 to 100, so that a hard cut (score near 1)
     * is near 100 and one just over {@link SceneScan#CUT_SCORE} near 50.
     */
    public static List<Segment> shots(List<SceneScan.Cut> cuts, long totalFrames, double fps) {
        List<Segment> out = new ArrayList<>();
        long start = 0;
        float confidence = 100f;
        for (SceneScan.Cut cut : cuts) {
            long frame = Math.round(cut.seconds() * fps);
            if (frame <= start || frame >= totalFrames) {
                continue;
            }
            out.add(new Segment("SHOT", out.size(), confidence, start, frame - 1, fps));
            start = frame;
            confidence = (float) (50 + 50 * Math.min(1, (cut.score() - SceneScan.CUT_SCORE) / (1 - SceneScan.CUT_SCORE)));
        }
        if (totalFrames > start) {
            out.add(new Segment("SHOT", out.size(), confidence, start, totalFrames - 1, fps));
        }
        return out;
    }

    /** The black sections as BlackFrames cues (confidence 100: the pixels were measured, not guessed). */
    public static List<Segment> blacks(List<SceneScan.Black> blacks, long totalFrames, double fps) {
        List<Segment> out = new ArrayList<>();
        for (SceneScan.Black b : blacks) {
            long first = Math.round(b.start() * fps);
            long last = Math.min(totalFrames - 1, Math.round(b.end() * fps) - 1);
            if (last >= first) {
                out.add(new Segment("TECHNICAL_CUE", null, 100f, first, last, fps));
            }
        }
        return out;
    }

    /** Frame {@code frame} as {@code HH:MM:SS:FF} at the rate rounded to whole frames. */
    static String timecode(long frame, double fps) {
        long nominal = Math.max(1, Math.round(fps));
        long seconds = frame / nominal;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, frame % nominal);
    }
}
