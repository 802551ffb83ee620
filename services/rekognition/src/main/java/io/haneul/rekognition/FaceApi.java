package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.faces.FaceQualityFilter;
import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.image.UprightImage;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.haneul.rekognition.RekognitionErrors.call;

/**
 * Faces in one or two images: DetectFaces, CompareFaces, RecognizeCelebrities (no celebrity model:
 * every face is unrecognized) and DetectModerationLabels (in {@link Moderation}).
 * OrientationCorrection is never answered: AWS has answered null since August 2021, while it still
 * turns JPEGs upright by their EXIF orientation before it looks, as Haneul does.
 */
public final class FaceApi {

    private static final int MAX_COMPARED_FACES = 100;
    private static final int MAX_CELEBRITY_FACES = 64;

    private final Images images;
    private final Vision vision;
    private final Moderation moderation;

    FaceApi(Images images, Vision vision, Moderation moderation) {
        this.images = images;
        this.vision = vision;
        this.moderation = moderation;
    }

    public DetectFacesResponse detectFaces(RequestContext ctx, DetectFacesRequest r) {
        return call(() -> {
            UprightImage image = images.load(ctx.accountId(), r.image());
            List<FaceDetail> details = SeenFace.of(vision.faces(image), image).stream()
                    .map(f -> FaceShapes.detail(f, r.attributesAsStrings())).toList();
            return DetectFacesResponse.builder().faceDetails(details).build();
        });
    }

    public CompareFacesResponse compareFaces(RequestContext ctx, CompareFacesRequest r) {
        return call(() -> {
            FaceQualityFilter filter = FaceQualityFilter.of(r.qualityFilterAsString(), FaceQualityFilter.NONE);
            float threshold = r.similarityThreshold() == null ? 80f : r.similarityThreshold();
            UprightImage source = images.load(ctx.accountId(), r.sourceImage());
            UprightImage target = images.load(ctx.accountId(), r.targetImage());
            SeenFace sourceFace = SeenFace.of(vision.faces(source), source).stream()
                    .filter(f -> filter.reason(f.finding(), f.quality(), source.width(), source.height()) == null)
                    .findFirst().orElseThrow(RekognitionException::invalidParameter);
            List<CompareFacesMatch> matches = new ArrayList<>();
            List<ComparedFace> unmatched = new ArrayList<>();
            for (SeenFace face : SeenFace.of(vision.faces(target), target).stream()
                    .filter(f -> filter.reason(f.finding(), f.quality(), target.width(), target.height()) == null)
                    .limit(MAX_COMPARED_FACES).toList()) {
                float similarity = vision.similarity(sourceFace.finding().embedding(), face.finding().embedding());
                if (similarity >= threshold) {
                    matches.add(CompareFacesMatch.builder().similarity(similarity).face(FaceShapes.compared(face)).build());
                } else {
                    unmatched.add(FaceShapes.compared(face));
                }
            }
            matches.sort(Comparator.comparingDouble((CompareFacesMatch m) -> m.similarity()).reversed());
            return CompareFacesResponse.builder()
                    .sourceImageFace(ComparedSourceImageFace.builder().boundingBox(FaceShapes.box(sourceFace.box()))
                            .confidence(sourceFace.finding().confidence()).build())
                    .faceMatches(matches).unmatchedFaces(unmatched).build();
        });
    }

    public RecognizeCelebritiesResponse recognizeCelebrities(RequestContext ctx, RecognizeCelebritiesRequest r) {
        return call(() -> {
            UprightImage image = images.load(ctx.accountId(), r.image());
            List<ComparedFace> faces = SeenFace.of(vision.faces(image), image).stream().limit(MAX_CELEBRITY_FACES)
                    .map(FaceShapes::compared).toList();
            return RecognizeCelebritiesResponse.builder().celebrityFaces(List.of()).unrecognizedFaces(faces).build();
        });
    }

    public DetectModerationLabelsResponse detectModerationLabels(RequestContext ctx, DetectModerationLabelsRequest r) {
        return call(() -> moderation.detect(ctx.accountId(), ctx.region(), r.image(), r.minConfidence(), r.projectVersion()));
    }
}
