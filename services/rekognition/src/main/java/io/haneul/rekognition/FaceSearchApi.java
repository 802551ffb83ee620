package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.faces.FaceQualityFilter;
import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.store.StoredFace;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.List;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Faces in collections: IndexFaces, ListFaces, DeleteFaces, SearchFaces and SearchFacesByImage. */
public final class FaceSearchApi {

    private static final int MAX_SEARCH_FACES = 4096;

    private final CollectionService collections;
    private final Images images;
    private final Vision vision;

    FaceSearchApi(CollectionService collections, Images images, Vision vision) {
        this.collections = collections;
        this.images = images;
        this.vision = vision;
    }

    static Face face(StoredFace f, String modelVersion) {
        return Face.builder().faceId(f.faceId()).boundingBox(FaceShapes.box(f.box())).imageId(f.imageId())
                .externalImageId(f.externalImageId()).confidence(f.confidence()).indexFacesModelVersion(modelVersion).userId(f.userId()).build();
    }

    public IndexFacesResponse indexFaces(RequestContext ctx, IndexFacesRequest r) {
        return call(() -> {
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            UprightImage image = images.load(ctx.accountId(), r.image());
            List<SeenFace> faces = SeenFace.of(vision.faces(image), image);
            CollectionService.IndexResult result = collections.index(ctx.accountId(), ctx.region(), r.collectionId(), faces,
                    r.externalImageId(), r.maxFaces(), FaceQualityFilter.of(r.qualityFilterAsString(), FaceQualityFilter.MEDIUM),
                    image.width(), image.height());
            List<String> attributes = r.detectionAttributesAsStrings();
            return IndexFacesResponse.builder().faceModelVersion(version)
                    .faceRecords(result.indexed().stream().map(i -> FaceRecord.builder().face(face(i.face(), version))
                            .faceDetail(FaceShapes.detail(i.seen(), attributes)).build()).toList())
                    .unindexedFaces(result.unindexed().stream().map(u -> UnindexedFace.builder().reasonsWithStrings(u.reasons())
                            .faceDetail(FaceShapes.detail(u.seen(), attributes)).build()).toList())
                    .build();
        });
    }

    public ListFacesResponse listFaces(RequestContext ctx, ListFacesRequest r) {
        return call(() -> {
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            Page<StoredFace> page = collections.faces(ctx.accountId(), ctx.region(), r.collectionId(), r.nextToken(), r.maxResults(),
                    r.userId(), r.hasFaceIds() ? r.faceIds() : null);
            return ListFacesResponse.builder().faces(page.items().stream().map(f -> face(f, version)).toList())
                    .nextToken(page.nextToken()).faceModelVersion(version).build();
        });
    }

    public DeleteFacesResponse deleteFaces(RequestContext ctx, DeleteFacesRequest r) {
        return call(() -> {
            CollectionService.Deletion d = collections.deleteFaces(ctx.accountId(), ctx.region(), r.collectionId(), r.faceIds());
            return DeleteFacesResponse.builder().deletedFaces(d.deleted())
                    .unsuccessfulFaceDeletions(d.refused().stream().map(f -> UnsuccessfulFaceDeletion.builder().faceId(f.faceId())
                            .userId(f.userId()).reasonsWithStrings(f.reasons()).build()).toList())
                    .build();
        });
    }

    public SearchFacesResponse searchFaces(RequestContext ctx, SearchFacesRequest r) {
        return call(() -> {
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            StoredFace searched = collections.face(ctx.accountId(), ctx.region(), r.collectionId(), r.faceId());
            List<CollectionService.Match> matches = collections.search(ctx.accountId(), ctx.region(), r.collectionId(), searched.embedding(),
                    threshold(r.faceMatchThreshold()), max(r.maxFaces()), searched.faceId());
            return SearchFacesResponse.builder().searchedFaceId(searched.faceId()).faceModelVersion(version)
                    .faceMatches(matches(matches, version)).build();
        });
    }

    public SearchFacesByImageResponse searchFacesByImage(RequestContext ctx, SearchFacesByImageRequest r) {
        return call(() -> {
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            UprightImage image = images.load(ctx.accountId(), r.image());
            FaceQualityFilter filter = FaceQualityFilter.of(r.qualityFilterAsString(), FaceQualityFilter.NONE);
            SeenFace face = SeenFace.of(vision.faces(image), image).stream()
                    .filter(f -> filter.reason(f.finding(), f.quality(), image.width(), image.height()) == null).findFirst()
                    .orElseThrow(() -> RekognitionException.invalidParameter("There are no faces in the image. Should be at least 1."));
            List<CollectionService.Match> matches = collections.search(ctx.accountId(), ctx.region(), r.collectionId(),
                    face.finding().embedding(), threshold(r.faceMatchThreshold()), max(r.maxFaces()), null);
            return SearchFacesByImageResponse.builder().searchedFaceBoundingBox(FaceShapes.box(face.box()))
                    .searchedFaceConfidence(face.finding().confidence()).faceModelVersion(version)
                    .faceMatches(matches(matches, version)).build();
        });
    }

    private static List<FaceMatch> matches(List<CollectionService.Match> matches, String version) {
        return matches.stream().map(m -> FaceMatch.builder().similarity(m.similarity()).face(face(m.face(), version)).build()).toList();
    }

    private static float threshold(Float t) {
        return t == null ? 80f : t;
    }

    private static int max(Integer m) {
        return m == null ? MAX_SEARCH_FACES : m;
    }
}
