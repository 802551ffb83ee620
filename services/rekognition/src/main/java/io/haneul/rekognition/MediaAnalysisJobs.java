package io.haneul.rekognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlMediaAnalysisJobs;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.services.rekognition.model.StartMediaAnalysisJobRequest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Bulk media analysis jobs as the API sees them: a repeated ClientRequestToken answers the first job
 * (IdempotentParameterMismatchException when the request differs), before anything else is checked; else Start
 * checks that the manifest is an object of the caller's in Haneul's S3 and that a named adapter could run, then
 * stores the job CREATED with its scheduler entry; Get and List read the stored jobs, List newest first.
 */
final class MediaAnalysisJobs {

    static final String SCHEDULER_KIND = "rekognition.media-analysis";
    static final int MAX_PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlMediaAnalysisJobs store;
    private final DurableScheduler scheduler;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final Moderation moderation;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    MediaAnalysisJobs(SqlMediaAnalysisJobs store, DurableScheduler scheduler, Supplier<Optional<ObjectStorage>> storage,
                      Moderation moderation, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.storage = storage;
        this.moderation = moderation;
        this.clock = clock;
    }

    /** Starts a job (or answers the job an earlier request with the same token started). */
    String start(String account, String region, StartMediaAnalysisJobRequest r) {
        if (r.operationsConfig() == null || r.operationsConfig().detectModerationLabels() == null) {
            throw RekognitionException.invalidParameter("OperationsConfig must name an operation: DetectModerationLabels");
        }
        String json = IdempotentCalls.withoutToken(sdk, r);
        if (r.clientRequestToken() != null) {
            Optional<SqlMediaAnalysisJobs.Row> earlier = store.findByToken(account, region, r.clientRequestToken());
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), json, r);
            }
        }
        StoredObjects.size(storage, account, r.input() == null ? null : r.input().s3Object()); // it is read again when the job runs
        moderation.checkAdapter(account, region, r.operationsConfig().detectModerationLabels().projectVersion());
        String jobId = UUID.randomUUID().toString();
        SqlMediaAnalysisJobs.Row row = new SqlMediaAnalysisJobs.Row(jobId, r.clientRequestToken(), json, "CREATED", null, null, null, null,
                clock.millis(), null);
        String payload = JSON.createObjectNode().put("account", account).put("region", region).put("jobId", jobId).toString();
        SqlMediaAnalysisJobs.Row got = store.createOrFind(account, region, row, scheduler, SCHEDULER_KIND, payload);
        return got.jobId().equals(jobId) ? jobId : sameRequest(got, json, r);
    }

    /** The job an earlier Start with the same token stored, when this Start asks the same. */
    private static String sameRequest(SqlMediaAnalysisJobs.Row earlier, String json, StartMediaAnalysisJobRequest r) {
        if (!earlier.request().equals(json)) {
            throw new RekognitionException("IdempotentParameterMismatchException",
                    "ClientRequestToken " + r.clientRequestToken() + " was used with different parameters");
        }
        return earlier.jobId();
    }

    SqlMediaAnalysisJobs.Row job(String account, String region, String jobId) {
        return store.find(account, region, jobId)
                .orElseThrow(() -> RekognitionException.notFound("The media analysis job " + jobId + " does not exist"));
    }

    /** Jobs newest first, {@code maxResults} (1 to 100, default 100) a page. */
    Page<SqlMediaAnalysisJobs.Row> list(String account, String region, String token, Integer maxResults) {
        int max = maxResults == null ? MAX_PAGE : maxResults;
        Page.TimeCursor after = Page.TimeCursor.of(token);
        List<SqlMediaAnalysisJobs.Row> rows = store.list(account, region, after == null ? null : after.millis(),
                after == null ? null : after.name(), max + 1);
        boolean more = rows.size() > max;
        List<SqlMediaAnalysisJobs.Row> page = rows.subList(0, Math.min(max, rows.size()));
        return new Page<>(page, more ? new Page.TimeCursor(page.getLast().createdMs(), page.getLast().jobId()).token() : null);
    }

    StartMediaAnalysisJobRequest request(SqlMediaAnalysisJobs.Row row) {
        return sdk.read(row.request(), StartMediaAnalysisJobRequest.class);
    }
}
