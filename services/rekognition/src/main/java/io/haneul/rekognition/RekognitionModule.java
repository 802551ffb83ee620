package io.haneul.rekognition;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.collections.UserService;
import io.haneul.rekognition.image.ColorNames;
import io.haneul.rekognition.image.ImageLoader;
import io.haneul.rekognition.labels.LabelRules;
import io.haneul.rekognition.labels.LabelTable;
import io.haneul.rekognition.models.VisionModelsFactory;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlCollections;
import io.haneul.rekognition.vision.VisionModels;
import io.haneul.storage.Database;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Registers Rekognition (rekognition-2016-06-27): image analysis on real models that load on first
 * use, and face collections stored durably. Option: {@code --rekognition-model-dir}, where converted
 * models are kept between starts (default {@code <data-dir>/rekognition-models}).
 */
public final class RekognitionModule implements ServiceModule {

    @Override
    public String id() {
        return "rekognition";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("rekognition-2016-06-27");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        Path modelDir = Path.of(env.setting("rekognition-model-dir",
                Path.of(env.setting("data-dir", ".haneul")).resolve("rekognition-models").toString()));
        Vision vision = new Vision(models(modelDir));
        Images images = new Images(new ImageLoader(() -> env.find(ObjectStorage.class)));
        CollectionService collections = new CollectionService(new SqlCollections(db), env.clock(), vision::similarity);
        UserService users = new UserService(collections);
        return new RekognitionProvider(List.of(
                new FaceApi(images, vision),
                new AnalysisApi(images, vision, new LabelRules(new LabelTable()), new ColorNames()),
                new CollectionApi(collections, vision),
                new FaceSearchApi(collections, images, vision),
                new UserApi(users, collections, images, vision)), vision);
    }

    /** The models engineer's factory: nothing is loaded until an image arrives. */
    private static Supplier<VisionModels> models(Path dir) {
        return () -> VisionModelsFactory.create(dir);
    }

    /** Two images of 5 MB (CompareFaces) in base64, with room for the rest of the request. */
    @Override
    public long maxRequestBytes(String modelId) {
        return 16L * 1024 * 1024;
    }

    /**
     * Rekognition writes the lists it answers even when empty ({@code "FaceDetails": []}, a label's
     * {@code "Parents": []}), but leaves out the attributes it was not asked for (a DEFAULT face has no
     * {@code Emotions}): the lists kept are named one by one.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty(
                "DetectFacesResponse.FaceDetails", "FaceDetail.Landmarks",
                "DetectLabelsResponse.Labels", "Label.Instances", "Label.Parents", "Label.Aliases", "Label.Categories",
                "DetectTextResponse.TextDetections", "Geometry.Polygon",
                "CompareFacesResponse.FaceMatches", "CompareFacesResponse.UnmatchedFaces",
                "RecognizeCelebritiesResponse.CelebrityFaces", "RecognizeCelebritiesResponse.UnrecognizedFaces",
                "DetectModerationLabelsResponse.ModerationLabels",
                "ListCollectionsResponse.CollectionIds", "ListCollectionsResponse.FaceModelVersions",
                "IndexFacesResponse.FaceRecords", "IndexFacesResponse.UnindexedFaces", "ListFacesResponse.Faces",
                "DeleteFacesResponse.DeletedFaces", "DeleteFacesResponse.UnsuccessfulFaceDeletions",
                "SearchFacesResponse.FaceMatches", "SearchFacesByImageResponse.FaceMatches",
                "ListUsersResponse.Users", "AssociateFacesResponse.AssociatedFaces", "AssociateFacesResponse.UnsuccessfulFaceAssociations",
                "DisassociateFacesResponse.DisassociatedFaces", "DisassociateFacesResponse.UnsuccessfulFaceDisassociations",
                "SearchUsersResponse.UserMatches", "SearchUsersByImageResponse.UserMatches", "SearchUsersByImageResponse.UnsearchedFaces",
                "ListTagsForResourceResponse.Tags");
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return RekognitionProvider.class;
    }
}
