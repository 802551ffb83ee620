package io.haneul.rekognition;

import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.labels.DetectedLabel;
import io.haneul.rekognition.labels.LabelRules;
import io.haneul.rekognition.text.TextRules;
import io.haneul.rekognition.video.PersonTracker;
import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.ObjectFinding;
import software.amazon.awssdk.services.rekognition.model.*;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analyses that look at sampled frames with the image models: labels (with their segments),
 * faces, text, people tracked by box overlap, and faces searched in a collection. Each frame is
 * analysed as an image of its own; {@code intervalMillis} is the time between two samples.
 */
final class FrameAnalyses {

    /** Persons below this detector confidence are not tracked (AWS answers people it is sure of). */
    static final float MIN_PERSON_CONFIDENCE = 50f;
    private static final int MAX_FACE_MATCHES = 10;

    private final Vision vision;
    private final LabelRules labels;
    private final CollectionService collections;

    FrameAnalyses(Vision vision, LabelRules labels, CollectionService collections) {
        this.vision = vision;
        this.labels = labels;
        this.collections = collections;
    }

    static UprightImage upright(BufferedImage frame) {
        return new UprightImage(frame, "VIDEO", 1);
    }

    /** A track ends when its person is not seen for this long: two missed samples. */
    static long trackGap(long intervalMillis) {
        return 2 * intervalMillis + intervalMillis / 2;
    }

    VideoAnalysis labels(StartLabelDetectionRequest r, long intervalMillis) {
        GeneralLabelsSettings g = r.settings() == null ? null : r.settings().generalLabels();
        LabelRules.Filters filters = g == null ? LabelRules.Filters.NONE : new LabelRules.Filters(g.labelInclusionFilters(),
                g.labelExclusionFilters(), g.labelCategoryInclusionFilters(), g.labelCategoryExclusionFilters());
        float min = r.minConfidence() == null ? 50f : r.minConfidence();
        return new VideoAnalysis() {
            /** Label name → the open segment: its first and last time and its best detection. */
            private final Map<String, long[]> open = new LinkedHashMap<>();
            private final Map<String, Label> best = new HashMap<>();

            @Override
            public void frame(long ts, BufferedImage frame, Sink sink) throws Exception {
                for (DetectedLabel l : labels.labels(vision.objects(upright(frame)), min, 1000, filters)) {
                    Label label = AnalysisApi.label(l);
                    sink.add(TIMESTAMPS, ts, l.name(), LabelDetection.builder().timestamp(ts).label(label).build());
                    long[] span = open.get(l.name());
                    if (span != null && ts - span[1] > trackGap(intervalMillis)) {
                        close(l.name(), sink);
                        span = null;
                    }
                    if (span == null) {
                        open.put(l.name(), new long[] {ts, ts});
                        best.put(l.name(), label);
                    } else {
                        span[1] = ts;
                        if (label.confidence() > best.get(l.name()).confidence()) {
                            best.put(l.name(), label);
                        }
                    }
                }
            }

            @Override
            public void end(long lastMillis, Sink sink) {
                for (String name : List.copyOf(open.keySet())) {
                    close(name, sink);
                }
            }

            /** A segment lasts from its first frame to the end of its last (one sampling interval after it). */
            private void close(String name, Sink sink) {
                long[] span = open.remove(name);
                Label label = best.remove(name).toBuilder().instances(List.of()).build();
                long end = span[1] + intervalMillis;
                sink.add(SEGMENTS, span[0], name, LabelDetection.builder().timestamp(span[0]).label(label)
                        .startTimestampMillis(span[0]).endTimestampMillis(end).durationMillis(end - span[0]).build());
            }
        };
    }

    VideoAnalysis faces(StartFaceDetectionRequest r) {
        List<String> attributes = List.of(r.faceAttributesAsString() == null ? "DEFAULT" : r.faceAttributesAsString());
        return (ts, frame, sink) -> {
            UprightImage image = upright(frame);
            for (SeenFace f : SeenFace.of(vision.faces(image), image)) {
                sink.add(VideoAnalysis.TIMESTAMPS, ts, "", FaceDetection.builder().timestamp(ts).face(FaceShapes.detail(f, attributes)).build());
            }
        };
    }

    VideoAnalysis text(StartTextDetectionRequest r) {
        TextRules.WordFilter words = TextRules.WordFilter.NONE;
        List<Box> regions = new ArrayList<>();
        if (r.filters() != null) {
            DetectionFilter f = r.filters().wordFilter();
            if (f != null) {
                words = new TextRules.WordFilter(AnalysisApi.orZero(f.minConfidence()), AnalysisApi.orZero(f.minBoundingBoxHeight()),
                        AnalysisApi.orZero(f.minBoundingBoxWidth()));
            }
            for (RegionOfInterest roi : r.filters().regionsOfInterest()) {
                regions.add(AnalysisApi.region(roi));
            }
        }
        TextRules.WordFilter wordFilter = words;
        return (ts, frame, sink) -> {
            for (var t : TextRules.filter(vision.text(upright(frame)), wordFilter, regions)) {
                sink.add(VideoAnalysis.TIMESTAMPS, ts, "", TextDetectionResult.builder().timestamp(ts).textDetection(AnalysisApi.text(t)).build());
            }
        };
    }

    VideoAnalysis persons(long intervalMillis) {
        PersonTracker tracker = new PersonTracker(trackGap(intervalMillis));
        return (ts, frame, sink) -> {
            List<Box> boxes = vision.objects(upright(frame)).stream()
                    .filter(o -> o.className().equals("person") && o.confidence() >= MIN_PERSON_CONFIDENCE).map(ObjectFinding::box).toList();
            int[] indexes = tracker.track(ts, boxes);
            for (int i = 0; i < boxes.size(); i++) {
                sink.add(VideoAnalysis.TIMESTAMPS, ts, index(indexes[i]), PersonDetection.builder().timestamp(ts)
                        .person(PersonDetail.builder().index((long) indexes[i]).boundingBox(FaceShapes.box(boxes.get(i))).build()).build());
            }
        };
    }

    /** Faces of each frame searched in the collection; a face (tracked by box overlap, for its index) is answered when it matches. */
    VideoAnalysis faceSearch(String account, String region, StartFaceSearchRequest r, long intervalMillis) {
        float threshold = r.faceMatchThreshold() == null ? 80f : r.faceMatchThreshold();
        String version = collections.describe(account, region, r.collectionId()).faceModelVersion();
        PersonTracker tracker = new PersonTracker(trackGap(intervalMillis));
        return (ts, frame, sink) -> {
            UprightImage image = upright(frame);
            List<SeenFace> faces = SeenFace.of(vision.faces(image), image);
            int[] indexes = tracker.track(ts, faces.stream().map(SeenFace::box).toList());
            for (int i = 0; i < faces.size(); i++) {
                SeenFace f = faces.get(i);
                List<CollectionService.Match> matches = collections.search(account, region, r.collectionId(), f.finding().embedding(),
                        threshold, MAX_FACE_MATCHES, null);
                if (matches.isEmpty()) {
                    continue;
                }
                sink.add(VideoAnalysis.TIMESTAMPS, ts, index(indexes[i]), PersonMatch.builder().timestamp(ts)
                        .person(PersonDetail.builder().index((long) indexes[i]).boundingBox(FaceShapes.box(f.box()))
                                .face(FaceShapes.detail(f, List.of("DEFAULT"))).build())
                        .faceMatches(matches.stream().map(m -> FaceMatch.builder().similarity(m.similarity())
                                .face(FaceSearchApi.face(m.face(), version)).build()).toList())
                        .build());
            }
        };
    }

    /** An index as a sort key that orders as a number. */
    static String index(int index) {
        return String.format(Locale.ROOT, "%010d", index);
    }
}
