package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlVideoJobs;
import io.haneul.rekognition.video.VideoInfo;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.List;
import java.util.Optional;

import static io.haneul.rekognition.RekognitionErrors.call;

/**
 * Stored-video analysis: Start* stores a job that the durable scheduler runs in the background
 * ({@link VideoJobRunner}); Get* answers its status, the probed VideoMetadata and a page of results
 * (empty until SUCCEEDED) in the order asked. GetCelebrityInfo answers every id as unknown: no
 * celebrity is ever recognised.
 */
public final class VideoApi {

    private final VideoJobs jobs;
    private final CollectionService collections;

    VideoApi(VideoJobs jobs, CollectionService collections) {
        this.jobs = jobs;
        this.collections = collections;
    }

    public StartLabelDetectionResponse startLabelDetection(RequestContext ctx, StartLabelDetectionRequest r) {
        return call(() -> StartLabelDetectionResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.LABEL_DETECTION,
                r, r.clientRequestToken())).build());
    }

    public StartFaceDetectionResponse startFaceDetection(RequestContext ctx, StartFaceDetectionRequest r) {
        return call(() -> StartFaceDetectionResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.FACE_DETECTION,
                r, r.clientRequestToken())).build());
    }

    public StartFaceSearchResponse startFaceSearch(RequestContext ctx, StartFaceSearchRequest r) {
        return call(() -> {
            collections.describe(ctx.accountId(), ctx.region(), r.collectionId());
            return StartFaceSearchResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.FACE_SEARCH,
                    r, r.clientRequestToken())).build();
        });
    }

    public StartPersonTrackingResponse startPersonTracking(RequestContext ctx, StartPersonTrackingRequest r) {
        return call(() -> StartPersonTrackingResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.PERSON_TRACKING,
                r, r.clientRequestToken())).build());
    }

    public StartCelebrityRecognitionResponse startCelebrityRecognition(RequestContext ctx, StartCelebrityRecognitionRequest r) {
        return call(() -> StartCelebrityRecognitionResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(),
                VideoKind.CELEBRITY_RECOGNITION, r, r.clientRequestToken())).build());
    }

    public StartContentModerationResponse startContentModeration(RequestContext ctx, StartContentModerationRequest r) {
        return call(() -> StartContentModerationResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(),
                VideoKind.CONTENT_MODERATION, r, r.clientRequestToken())).build());
    }

    public StartTextDetectionResponse startTextDetection(RequestContext ctx, StartTextDetectionRequest r) {
        return call(() -> StartTextDetectionResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.TEXT_DETECTION,
                r, r.clientRequestToken())).build());
    }

    public StartSegmentDetectionResponse startSegmentDetection(RequestContext ctx, StartSegmentDetectionRequest r) {
        return call(() -> {
            if (!r.hasSegmentTypes() || r.segmentTypes().isEmpty()) {
                throw RekognitionException.invalidParameter();
            }
            return StartSegmentDetectionResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), VideoKind.SEGMENT_DETECTION,
                    r, r.clientRequestToken())).build();
        });
    }

    public GetLabelDetectionResponse getLabelDetection(RequestContext ctx, GetLabelDetectionRequest r) {
        return call(() -> {
            String sort = r.sortByAsString() == null ? "TIMESTAMP" : r.sortByAsString();
            String aggregate = r.aggregateByAsString() == null ? "TIMESTAMPS" : r.aggregateByAsString();
            Got g = got(ctx, r.jobId(), VideoKind.LABEL_DETECTION, aggregate.equals("SEGMENTS") ? VideoAnalysis.SEGMENTS : VideoAnalysis.TIMESTAMPS,
                    sort.equals("NAME"), r.maxResults(), r.nextToken());
            return GetLabelDetectionResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status()).statusMessage(g.row().statusMessage())
                    .videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag()).nextToken(g.page().nextToken())
                    .labelModelVersion(AnalysisApi.LABEL_MODEL_VERSION)
                    .getRequestMetadata(GetLabelDetectionRequestMetadata.builder().sortBy(sort).aggregateBy(aggregate).build())
                    .labels(jobs.read(g.page().items(), LabelDetection.class)).build();
        });
    }

    public GetFaceDetectionResponse getFaceDetection(RequestContext ctx, GetFaceDetectionRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.FACE_DETECTION, VideoAnalysis.TIMESTAMPS, false, r.maxResults(), r.nextToken());
            return GetFaceDetectionResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status()).statusMessage(g.row().statusMessage())
                    .videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag()).nextToken(g.page().nextToken())
                    .faces(jobs.read(g.page().items(), FaceDetection.class)).build();
        });
    }

    public GetFaceSearchResponse getFaceSearch(RequestContext ctx, GetFaceSearchRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.FACE_SEARCH, VideoAnalysis.TIMESTAMPS, "INDEX".equals(r.sortByAsString()),
                    r.maxResults(), r.nextToken());
            return GetFaceSearchResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status()).statusMessage(g.row().statusMessage())
                    .videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag()).nextToken(g.page().nextToken())
                    .persons(jobs.read(g.page().items(), PersonMatch.class)).build();
        });
    }

    public GetPersonTrackingResponse getPersonTracking(RequestContext ctx, GetPersonTrackingRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.PERSON_TRACKING, VideoAnalysis.TIMESTAMPS, "INDEX".equals(r.sortByAsString()),
                    r.maxResults(), r.nextToken());
            return GetPersonTrackingResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status()).statusMessage(g.row().statusMessage())
                    .videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag()).nextToken(g.page().nextToken())
                    .persons(jobs.read(g.page().items(), PersonDetection.class)).build();
        });
    }

    /** No celebrity model: a finished job has no celebrities (SortBy is accepted; there is nothing to order). */
    public GetCelebrityRecognitionResponse getCelebrityRecognition(RequestContext ctx, GetCelebrityRecognitionRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.CELEBRITY_RECOGNITION, VideoAnalysis.TIMESTAMPS, "ID".equals(r.sortByAsString()),
                    r.maxResults(), r.nextToken());
            return GetCelebrityRecognitionResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status())
                    .statusMessage(g.row().statusMessage()).videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag())
                    .nextToken(g.page().nextToken()).celebrities(jobs.read(g.page().items(), CelebrityRecognition.class)).build();
        });
    }

    /** No moderation model: a finished job has no moderation labels. */
    public GetContentModerationResponse getContentModeration(RequestContext ctx, GetContentModerationRequest r) {
        return call(() -> {
            String sort = r.sortByAsString() == null ? "TIMESTAMP" : r.sortByAsString();
            String aggregate = r.aggregateByAsString() == null ? "TIMESTAMPS" : r.aggregateByAsString();
            Got g = got(ctx, r.jobId(), VideoKind.CONTENT_MODERATION, aggregate.equals("SEGMENTS") ? VideoAnalysis.SEGMENTS : VideoAnalysis.TIMESTAMPS,
                    sort.equals("NAME"), r.maxResults(), r.nextToken());
            return GetContentModerationResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status())
                    .statusMessage(g.row().statusMessage()).videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag())
                    .nextToken(g.page().nextToken()).moderationModelVersion(Moderation.NO_MODEL)
                    .getRequestMetadata(GetContentModerationRequestMetadata.builder().sortBy(sort).aggregateBy(aggregate).build())
                    .moderationLabels(jobs.read(g.page().items(), ContentModerationDetection.class)).build();
        });
    }

    public GetTextDetectionResponse getTextDetection(RequestContext ctx, GetTextDetectionRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.TEXT_DETECTION, VideoAnalysis.TIMESTAMPS, false, r.maxResults(), r.nextToken());
            return GetTextDetectionResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status()).statusMessage(g.row().statusMessage())
                    .videoMetadata(g.metadata()).video(g.common().video()).jobTag(g.common().jobTag()).nextToken(g.page().nextToken())
                    .textModelVersion(AnalysisApi.TEXT_MODEL_VERSION)
                    .textDetections(jobs.read(g.page().items(), TextDetectionResult.class)).build();
        });
    }

    public GetSegmentDetectionResponse getSegmentDetection(RequestContext ctx, GetSegmentDetectionRequest r) {
        return call(() -> {
            Got g = got(ctx, r.jobId(), VideoKind.SEGMENT_DETECTION, VideoAnalysis.TIMESTAMPS, false, r.maxResults(), r.nextToken());
            StartSegmentDetectionRequest start = (StartSegmentDetectionRequest) g.start();
            GetSegmentDetectionResponse.Builder b = GetSegmentDetectionResponse.builder().jobId(g.row().jobId()).jobStatus(g.row().status())
                    .statusMessage(g.row().statusMessage()).video(g.common().video()).jobTag(g.common().jobTag())
                    .nextToken(g.page().nextToken())
                    .selectedSegmentTypes(start.segmentTypesAsStrings().stream().map(t -> SegmentTypeInfo.builder().type(t)
                            .modelVersion(SegmentResults.MODEL_VERSION).build()).toList())
                    .segments(jobs.read(g.page().items(), SegmentDetection.class));
            if (g.info().isPresent()) {
                VideoInfo info = g.info().get();
                b.videoMetadata(List.of(g.metadata()));
                b.audioMetadata(info.audio() == null ? List.of() : List.of(AudioMetadata.builder().codec(info.audio().codec())
                        .durationMillis(info.audio().durationMillis()).sampleRate(info.audio().sampleRate())
                        .numberOfChannels(info.audio().channels()).build()));
            }
            return b.build();
        });
    }

    /** No celebrity is ever recognised, so no celebrity id exists. */
    public GetCelebrityInfoResponse getCelebrityInfo(RequestContext ctx, GetCelebrityInfoRequest r) {
        return call(() -> {
            throw RekognitionException.notFound("The resource specified in the request cannot be found.");
        });
    }

    /** A job, its Start request and that request's common members, its metadata once probed and a page of results once SUCCEEDED. */
    private record Got(SqlVideoJobs.Row row, software.amazon.awssdk.core.SdkPojo start, VideoJobs.Common common, Optional<VideoInfo> info,
                       VideoJobs.Page page) {
        VideoMetadata metadata() {
            return info.map(i -> VideoMetadata.builder().codec(i.codec()).format(i.format()).durationMillis(i.durationMillis())
                    .frameRate(i.frameRate()).frameWidth((long) i.width()).frameHeight((long) i.height()).colorRange(i.colorRange()).build())
                    .orElse(null);
        }
    }

    private Got got(RequestContext ctx, String jobId, VideoKind kind, String view, boolean byKey, Integer maxResults, String token) {
        SqlVideoJobs.Row row = jobs.job(ctx.accountId(), ctx.region(), jobId, kind);
        software.amazon.awssdk.core.SdkPojo start = jobs.request(row, kind.requestType());
        VideoJobs.Page page = row.status().equals("SUCCEEDED")
                ? jobs.page(ctx.accountId(), ctx.region(), row, view, byKey, maxResults, token)
                : new VideoJobs.Page(List.of(), null);
        return new Got(row, start, VideoJobs.common(start), VideoJobs.metadata(row), page);
    }
}
