package io.haneul.rekognition;

import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.FaceFinding;
import software.amazon.awssdk.services.rekognition.model.AgeRange;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.ComparedFace;
import software.amazon.awssdk.services.rekognition.model.Emotion;
import software.amazon.awssdk.services.rekognition.model.EyeOpen;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Gender;
import software.amazon.awssdk.services.rekognition.model.ImageQuality;
import software.amazon.awssdk.services.rekognition.model.Landmark;
import software.amazon.awssdk.services.rekognition.model.MouthOpen;
import software.amazon.awssdk.services.rekognition.model.Pose;
import software.amazon.awssdk.services.rekognition.model.Smile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Faces in AWS's shapes. DEFAULT answers the box, confidence, the five default landmarks, pose and
 * quality; ALL (or a named attribute) adds what the model gives: every landmark, age range, gender,
 * emotions, eyes and mouth open, smile. Attributes no model gives (beard, glasses, occlusion, eye
 * direction...) are omitted, never invented.
 */
final class FaceShapes {

    private static final Set<String> DEFAULT_LANDMARKS = Set.of("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");

    private FaceShapes() {
    }

    static BoundingBox box(Box b) {
        return BoundingBox.builder().left(b.left()).top(b.top()).width(b.width()).height(b.height()).build();
    }

    /** @param attributes the request's Attributes (or DetectionAttributes): DEFAULT, ALL or attribute names */
    static FaceDetail detail(SeenFace face, Collection<String> attributes) {
        Set<String> asked = attributes == null ? Set.of() : Set.copyOf(attributes.stream().map(a -> a.toUpperCase(Locale.ROOT)).toList());
        boolean all = asked.contains("ALL");
        FaceFinding f = face.finding();
        FaceDetail.Builder b = FaceDetail.builder().boundingBox(box(f.box())).confidence(f.confidence())
                .landmarks(landmarks(f.landmarks(), all)).quality(quality(face.quality()));
        if (f.pose() != null) {
            b.pose(pose(f.pose()));
        }
        if ((all || asked.contains("AGE_RANGE")) && f.ageRange() != null) {
            b.ageRange(AgeRange.builder().low(f.ageRange().low()).high(f.ageRange().high()).build());
        }
        if ((all || asked.contains("GENDER")) && f.gender() != null) {
            b.gender(Gender.builder().value(f.gender().value()).confidence(f.gender().confidence()).build());
        }
        if ((all || asked.contains("EMOTIONS")) && f.emotions() != null) {
            b.emotions(emotions(f.emotions()));
        }
        if ((all || asked.contains("EYES_OPEN")) && f.eyesOpen() != null) {
            b.eyesOpen(EyeOpen.builder().value(bool(f.eyesOpen())).confidence(f.eyesOpen().confidence()).build());
        }
        if ((all || asked.contains("MOUTH_OPEN")) && f.mouthOpen() != null) {
            b.mouthOpen(MouthOpen.builder().value(bool(f.mouthOpen())).confidence(f.mouthOpen().confidence()).build());
        }
        if ((all || asked.contains("SMILE")) && f.smile() != null) {
            b.smile(Smile.builder().value(bool(f.smile())).confidence(f.smile().confidence()).build());
        }
        return b.build();
    }

    /** CompareFaces' and RecognizeCelebrities' face: box, confidence, default landmarks, pose, quality, emotions and smile where known. */
    static ComparedFace compared(SeenFace face) {
        FaceFinding f = face.finding();
        ComparedFace.Builder b = ComparedFace.builder().boundingBox(box(f.box())).confidence(f.confidence())
                .landmarks(landmarks(f.landmarks(), false)).quality(quality(face.quality()));
        if (f.pose() != null) {
            b.pose(pose(f.pose()));
        }
        if (f.emotions() != null) {
            b.emotions(emotions(f.emotions()));
        }
        if (f.smile() != null) {
            b.smile(Smile.builder().value(bool(f.smile())).confidence(f.smile().confidence()).build());
        }
        return b.build();
    }

    private static List<Landmark> landmarks(Map<String, float[]> points, boolean all) {
        List<Landmark> out = new ArrayList<>();
        if (points != null) {
            points.forEach((type, p) -> {
                if (all || DEFAULT_LANDMARKS.contains(type)) {
                    out.add(Landmark.builder().type(type).x(p[0]).y(p[1]).build());
                }
            });
        }
        return out;
    }

    private static Pose pose(FaceFinding.Pose p) {
        return Pose.builder().roll(p.roll()).yaw(p.yaw()).pitch(p.pitch()).build();
    }

    private static ImageQuality quality(FaceFinding.Quality q) {
        return ImageQuality.builder().brightness(q.brightness()).sharpness(q.sharpness()).build();
    }

    private static List<Emotion> emotions(List<FaceFinding.Labelled> emotions) {
        return emotions.stream().map(e -> Emotion.builder().type(e.value().toUpperCase(Locale.ROOT)).confidence(e.confidence()).build()).toList();
    }

    private static boolean bool(FaceFinding.Labelled l) {
        return Boolean.parseBoolean(l.value());
    }
}
