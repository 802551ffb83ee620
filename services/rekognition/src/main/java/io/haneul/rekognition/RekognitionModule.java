package io.haneul.rekognition;

import io.haneul.core.spi.MediaTools;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.collections.UserService;
import io.haneul.rekognition.customlabels.DatasetService;
import io.haneul.rekognition.customlabels.GroundTruthLines;
import io.haneul.rekognition.customlabels.ProjectPolicyService;
import io.haneul.rekognition.customlabels.ProjectService;
import io.haneul.rekognition.customlabels.S3Manifests;
import io.haneul.rekognition.image.ColorNames;
import io.haneul.rekognition.image.ImageLoader;
import io.haneul.rekognition.labels.LabelRules;
import io.haneul.rekognition.labels.LabelTable;
import io.haneul.rekognition.liveness.FaceLivenessService;
import io.haneul.rekognition.models.VisionModelsFactory;
import io.haneul.rekognition.resources.ResourceTags;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlCollections;
import io.haneul.rekognition.store.SqlDatasets;
import io.haneul.rekognition.store.SqlLivenessSessions;
import io.haneul.rekognition.store.SqlMediaAnalysisJobs;
import io.haneul.rekognition.store.SqlProjectPolicies;
import io.haneul.rekognition.store.SqlProjects;
import io.haneul.rekognition.store.SqlRequestTokens;
import io.haneul.rekognition.store.SqlResourceTags;
import io.haneul.rekognition.store.SqlStreamProcessors;
import io.haneul.rekognition.store.SqlVideoJobs;
import io.haneul.rekognition.streams.StreamProcessorService;
import io.haneul.rekognition.vision.VisionModels;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Registers Rekognition (rekognition-2016-06-27): image analysis on real models that load on first
 * use, face collections stored durably, stored-video jobs on the durable scheduler, and as stored state
 * the resources no model answers for: stream processors, Face Liveness sessions, Custom Labels projects,
 * versions, datasets and project policies; bulk image analysis (media analysis jobs) on the durable
 * scheduler. Options:
 * {@code --rekognition-model-dir}, where converted models are kept between starts (default
 * {@code <data-dir>/rekognition-models}); {@code --rekognition-video-parallel-jobs} (2; 0: this node
 * runs none), {@code --rekognition-video-fps} (2) and {@code --rekognition-video-max-frames} (1800).
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
        LabelRules labels = new LabelRules(new LabelTable()); // read once: images and video frames name labels alike
        VideoRunner video = video(env, db, vision, collections, labels);
        IdempotentCalls idempotent = new IdempotentCalls(new SqlRequestTokens(db), env.clock());
        SqlResourceTags tags = new SqlResourceTags();
        SqlProjects projects = new SqlProjects(db);
        SqlDatasets datasets = new SqlDatasets(db);
        ProjectService projectService = new ProjectService(projects, datasets, tags, env.clock());
        Moderation moderation = new Moderation(images, projectService::versionStatus);
        BulkRunner bulk = bulk(env, db, moderation);
        return new RekognitionProvider(List.of(
                new FaceApi(images, vision, moderation),
                new AnalysisApi(images, vision, labels, new ColorNames()),
                new CollectionApi(collections, vision),
                new FaceSearchApi(collections, images, vision),
                new UserApi(users, collections, images, vision, idempotent), video.api(),
                new TagApi(new ResourceTags(collections, db, tags)),
                new StreamProcessorApi(new StreamProcessorService(new SqlStreamProcessors(db), tags, collections::exists, env.clock())),
                new LivenessApi(new FaceLivenessService(new SqlLivenessSessions(db), env.clock()), idempotent),
                new ProjectApi(projectService),
                new ProjectPolicyApi(new ProjectPolicyService(projects, new SqlProjectPolicies(), env.clock())),
                new DatasetApi(datasets(projects, datasets, tags, env)), bulk.api()), () -> {
                    video.close();
                    bulk.close();
                    vision.close();
                });
    }

    /** The video API and, unless this node runs none ({@code --rekognition-video-parallel-jobs 0}), the runner of its jobs. */
    private record VideoRunner(VideoApi api, VideoJobRunner runner) {
        void close() {
            if (runner != null) {
                runner.close();
            }
        }
    }

    /** The bulk analysis API and, unless this node runs no jobs, the runner of its jobs. */
    private record BulkRunner(MediaAnalysisApi api, MediaAnalysisRunner runner) {
        void close() {
            if (runner != null) {
                runner.close();
            }
        }
    }

    /** Bulk analysis jobs run on the same terms as video jobs: {@code --rekognition-video-parallel-jobs} at once, 0 for none. */
    private static BulkRunner bulk(ServiceEnvironment env, Database db, Moderation moderation) {
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        SqlMediaAnalysisJobs store = new SqlMediaAnalysisJobs(db);
        Supplier<java.util.Optional<ObjectStorage>> s3 = () -> env.find(ObjectStorage.class);
        MediaAnalysisApi api = new MediaAnalysisApi(new MediaAnalysisJobs(store, scheduler, s3, moderation, env.clock()));
        int parallel = Integer.parseInt(env.setting("rekognition-video-parallel-jobs", "2"));
        if (parallel <= 0) {
            return new BulkRunner(api, null);
        }
        MediaAnalysisRunner runner = new MediaAnalysisRunner(store, scheduler, s3, moderation, env.clock(), parallel);
        scheduler.register(MediaAnalysisJobs.SCHEDULER_KIND, runner);
        return new BulkRunner(api, runner);
    }

    private static DatasetService datasets(SqlProjects projects, SqlDatasets datasets, SqlResourceTags tags, ServiceEnvironment env) {
        GroundTruthLines lines = new GroundTruthLines();
        return new DatasetService(projects, datasets, tags, lines, new S3Manifests(() -> env.find(ObjectStorage.class), lines), env.clock());
    }

    private static VideoRunner video(ServiceEnvironment env, Database db, Vision vision, CollectionService collections,
                                     LabelRules labels) {
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        SqlVideoJobs store = new SqlVideoJobs(db);
        VideoApi api = new VideoApi(new VideoJobs(store, scheduler, () -> env.find(ObjectStorage.class), env.clock()), collections);
        int parallel = Integer.parseInt(env.setting("rekognition-video-parallel-jobs", "2"));
        if (parallel <= 0) {
            return new VideoRunner(api, null);
        }
        VideoJobRunner runner = new VideoJobRunner(store, scheduler, () -> env.find(ObjectStorage.class), () -> env.find(MediaTools.class),
                new FrameAnalyses(vision, labels, collections), new VideoNotices(() -> env.find(TopicDelivery.class)),
                env.clock(), new VideoJobRunner.Sampling(Double.parseDouble(env.setting("rekognition-video-fps", "2")),
                Integer.parseInt(env.setting("rekognition-video-max-frames", "1800"))), parallel);
        scheduler.register(VideoJobs.SCHEDULER_KIND, runner);
        return new VideoRunner(api, runner);
    }

    /** Video jobs stored before a restart must run without waiting for a first Rekognition request. */
    @Override
    public boolean startEagerly() {
        return true;
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
                "ListTagsForResourceResponse.Tags", "ListStreamProcessorsResponse.StreamProcessors",
                "DescribeProjectsResponse.ProjectDescriptions", "ProjectDescription.Datasets",
                "DescribeProjectVersionsResponse.ProjectVersionDescriptions", "ListDatasetEntriesResponse.DatasetEntries",
                "ListDatasetLabelsResponse.DatasetLabelDescriptions",
                "GetLabelDetectionResponse.Labels", "GetFaceDetectionResponse.Faces", "GetFaceSearchResponse.Persons",
                "PersonMatch.FaceMatches", "GetPersonTrackingResponse.Persons", "GetCelebrityRecognitionResponse.Celebrities",
                "GetContentModerationResponse.ModerationLabels", "GetTextDetectionResponse.TextDetections",
                "GetSegmentDetectionResponse.Segments", "GetSegmentDetectionResponse.VideoMetadata",
                "GetSegmentDetectionResponse.AudioMetadata", "GetSegmentDetectionResponse.SelectedSegmentTypes",
                "ListProjectPoliciesResponse.ProjectPolicies", "ListMediaAnalysisJobsResponse.MediaAnalysisJobs");
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return RekognitionProvider.class;
    }
}
