package io.haneul.rekognition;

import io.haneul.rekognition.video.SceneScan;
import io.haneul.rekognition.video.Segments;
import io.haneul.rekognition.video.VideoInfo;
import software.amazon.awssdk.services.rekognition.model.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * StartSegmentDetection's results: SHOT segments between FFmpeg's scene cuts and TECHNICAL_CUE
 * BlackFrames from its black detector, filtered by MinSegmentConfidence (AWS's default 50) and the
 * BlackFrame thresholds (AWS's defaults: MaxPixelThreshold 0.2, MinCoveragePercentage 99). ColorBars,
 * EndCredits, OpeningCredits, StudioLogo, Slate and Content have no detector and are never answered.
 */
final class SegmentResults {

    static final String MODEL_VERSION = "haneul-ffmpeg-1.0";

    private SegmentResults() {
    }

    static void run(SceneScan scan, Path file, VideoInfo info, StartSegmentDetectionRequest r, VideoAnalysis.Sink sink) throws Exception {
        List<String> types = r.segmentTypesAsStrings();
        StartSegmentDetectionFilters f = r.filters();
        StartShotDetectionFilter shotFilter = f == null ? null : f.shotFilter();
        StartTechnicalCueDetectionFilter cueFilter = f == null ? null : f.technicalCueFilter();
        float minShot = shotFilter == null || shotFilter.minSegmentConfidence() == null ? 50f : shotFilter.minSegmentConfidence();
        float minCue = cueFilter == null || cueFilter.minSegmentConfidence() == null ? 50f : cueFilter.minSegmentConfidence();
        BlackFrame black = cueFilter == null ? null : cueFilter.blackFrame();
        double maxPixel = black == null || black.maxPixelThreshold() == null ? 0.2 : black.maxPixelThreshold();
        double coverage = black == null || black.minCoveragePercentage() == null ? 99 : black.minCoveragePercentage();
        SceneScan.Result found = scan.scan(file, info.durationMillis(), maxPixel, coverage);
        long totalFrames = Math.round(info.durationMillis() / 1000.0 * info.frameRate());
        List<Segments.Segment> segments = new ArrayList<>();
        if (types.contains("SHOT")) {
            Segments.shots(found.cuts(), totalFrames, info.frameRate()).stream().filter(s -> s.confidence() >= minShot).forEach(segments::add);
        }
        if (types.contains("TECHNICAL_CUE")) {
            Segments.blacks(found.blacks(), totalFrames, info.frameRate()).stream().filter(s -> s.confidence() >= minCue).forEach(segments::add);
        }
        segments.sort(Comparator.comparingLong(Segments.Segment::startFrame));
        for (Segments.Segment s : segments) {
            SegmentDetection.Builder b = SegmentDetection.builder().type(s.kind())
                    .startTimestampMillis(s.startMillis()).endTimestampMillis(s.endMillis()).durationMillis(s.durationMillis())
                    .startTimecodeSMPTE(s.startTimecode()).endTimecodeSMPTE(s.endTimecode()).durationSMPTE(s.durationTimecode())
                    .startFrameNumber(s.startFrame()).endFrameNumber(s.endFrame()).durationFrames(s.durationFrames());
            if (s.index() != null) {
                b.shotSegment(ShotSegment.builder().index((long) s.index()).confidence(s.confidence()).build());
            } else {
                b.technicalCueSegment(TechnicalCueSegment.builder().type(TechnicalCueType.BLACK_FRAMES).confidence(s.confidence()).build());
            }
            sink.add(VideoAnalysis.TIMESTAMPS, s.startMillis(), "", b.build());
        }
    }
}
