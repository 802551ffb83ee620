package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.store.SqlMediaAnalysisJobs;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Bulk image analysis: StartMediaAnalysisJob, GetMediaAnalysisJob, ListMediaAnalysisJobs (rules in {@link MediaAnalysisJobs}). */
public final class MediaAnalysisApi {

    private final MediaAnalysisJobs jobs;

    MediaAnalysisApi(MediaAnalysisJobs jobs) {
        this.jobs = jobs;
    }

    public StartMediaAnalysisJobResponse startMediaAnalysisJob(RequestContext ctx, StartMediaAnalysisJobRequest r) {
        return call(() -> StartMediaAnalysisJobResponse.builder().jobId(jobs.start(ctx.accountId(), ctx.region(), r)).build());
    }

    public GetMediaAnalysisJobResponse getMediaAnalysisJob(RequestContext ctx, GetMediaAnalysisJobRequest r) {
        return call(() -> {
            MediaAnalysisJobDescription d = description(jobs.job(ctx.accountId(), ctx.region(), r.jobId()));
            return GetMediaAnalysisJobResponse.builder().jobId(d.jobId()).jobName(d.jobName()).operationsConfig(d.operationsConfig())
                    .status(d.status()).failureDetails(d.failureDetails()).creationTimestamp(d.creationTimestamp())
                    .completionTimestamp(d.completionTimestamp()).input(d.input()).outputConfig(d.outputConfig()).kmsKeyId(d.kmsKeyId())
                    .results(d.results()).manifestSummary(d.manifestSummary()).build();
        });
    }

    public ListMediaAnalysisJobsResponse listMediaAnalysisJobs(RequestContext ctx, ListMediaAnalysisJobsRequest r) {
        return call(() -> {
            Page<SqlMediaAnalysisJobs.Row> page = jobs.list(ctx.accountId(), ctx.region(), r.nextToken(), r.maxResults());
            return ListMediaAnalysisJobsResponse.builder().mediaAnalysisJobs(page.items().stream().map(this::description).toList())
                    .nextToken(page.nextToken()).build();
        });
    }

    private MediaAnalysisJobDescription description(SqlMediaAnalysisJobs.Row row) {
        StartMediaAnalysisJobRequest request = jobs.request(row);
        String bucket = request.outputConfig().s3Bucket();
        return MediaAnalysisJobDescription.builder().jobId(row.jobId()).jobName(request.jobName())
                .operationsConfig(request.operationsConfig()).status(row.status())
                .failureDetails(row.failureCode() == null ? null
                        : MediaAnalysisJobFailureDetails.builder().code(row.failureCode()).message(row.failureMessage()).build())
                .creationTimestamp(Instant.ofEpochMilli(row.createdMs()))
                .completionTimestamp(row.completedMs() == null ? null : Instant.ofEpochMilli(row.completedMs()))
                .input(request.input()).outputConfig(request.outputConfig()).kmsKeyId(request.kmsKeyId())
                .results(row.resultsKey() == null ? null : MediaAnalysisResults.builder().s3Object(o -> o.bucket(bucket).name(row.resultsKey()))
                        .modelVersions(v -> v.moderation(Moderation.NO_MODEL)).build())
                .manifestSummary(row.summaryKey() == null ? null
                        : MediaAnalysisManifestSummary.builder().s3Object(o -> o.bucket(bucket).name(row.summaryKey())).build())
                .build();
    }
}
