package io.haneul.rekognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlVideoJobs;
import io.haneul.rekognition.video.VideoInfo;
import io.haneul.storage.DurableScheduler;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.model.NotificationChannel;
import software.amazon.awssdk.services.rekognition.model.Video;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stored-video jobs as the API sees them: Start checks the video object (it must exist in Haneul's S3
 * and be at most 10 GB, as AWS's limit) and stores the job with its scheduler entry; a repeated
 * ClientRequestToken answers the first job's id (or IdempotentParameterMismatchException when the
 * request differs); Get* reads the job and one page of its results.
 */
final class VideoJobs {

    static final String SCHEDULER_KIND = "rekognition.video";
    static final long MAX_VIDEO_BYTES = 10L * 1024 * 1024 * 1024;
    static final int MAX_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What every Start request carries besides its own settings. */
    record Common(Video video, String jobTag, NotificationChannel channel) {
    }

    /** A page of a job's result items (SDK shapes as JSON) and the token of the next page. */
    record Page(List<String> items, String nextToken) {
    }

    private final SqlVideoJobs store;
    private final DurableScheduler scheduler;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();
    private final SecureRandom random = new SecureRandom();

    VideoJobs(SqlVideoJobs store, DurableScheduler scheduler, Supplier<Optional<ObjectStorage>> storage, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Starts a job (or answers the job an earlier request with the same token started).
     *
     * @param request the Start request; all but its ClientRequestToken is stored, and compared with the token's first job
     */
    String start(String account, String region, VideoKind kind, SdkPojo request, String token) {
        Common common = common(request);
        checkVideo(account, common.video());
        String json = IdempotentCalls.withoutToken(sdk, request);
        String jobId = HexFormat.of().formatHex(bytes(32));
        SqlVideoJobs.Row row = new SqlVideoJobs.Row(jobId, kind.name(), token, json, "IN_PROGRESS", null, null, clock.millis(), null);
        String payload = JSON.createObjectNode().put("account", account).put("region", region).put("jobId", jobId).toString();
        SqlVideoJobs.Row got = store.createOrFind(account, region, row, scheduler, SCHEDULER_KIND, payload);
        if (!got.jobId().equals(jobId) && !got.request().equals(json)) {
            throw new RekognitionException("IdempotentParameterMismatchException",
                    "ClientRequestToken " + token + " was used with different parameters");
        }
        return got.jobId();
    }

    /** The job, which must be one of {@code kind} (another analysis's job id is as unknown as a wrong one). */
    SqlVideoJobs.Row job(String account, String region, String jobId, VideoKind kind) {
        return store.find(account, region, jobId).filter(r -> r.api().equals(kind.name()))
                .orElseThrow(() -> RekognitionException.notFound("The resource specified in the request cannot be found."));
    }

    /** The Start request the job was created with. */
    <T extends SdkPojo> T request(SqlVideoJobs.Row row, Class<T> type) {
        return sdk.read(row.request(), type);
    }

    /** The probed video, once the job has read it. */
    static Optional<VideoInfo> metadata(SqlVideoJobs.Row row) {
        if (row.metadata() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(row.metadata(), VideoInfo.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored video metadata is not readable", e);
        }
    }

    static String metadataJson(VideoInfo info) {
        try {
            return JSON.writeValueAsString(info);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One page of a finished job's results. The token names the job, the order and the offset, so a
     * token of another job or order is refused.
     */
    Page page(String account, String region, SqlVideoJobs.Row row, String view, boolean byKey, Integer maxResults, String token) {
        int max = maxResults == null ? MAX_PAGE : Math.max(1, Math.min(MAX_PAGE, maxResults));
        String prefix = row.jobId() + "/" + view + "/" + byKey + "/";
        int offset = 0;
        if (token != null && !token.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalidToken();
            }
            if (!decoded.startsWith(prefix)) {
                throw invalidToken();
            }
            try {
                offset = Integer.parseInt(decoded.substring(prefix.length()));
            } catch (NumberFormatException e) {
                throw invalidToken();
            }
        }
        List<String> items = store.items(account, region, row.jobId(), view, byKey, offset, max + 1);
        String next = null;
        if (items.size() > max) {
            items = items.subList(0, max);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + (offset + max)).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(items, next);
    }

    <T extends SdkPojo> List<T> read(List<String> items, Class<T> type) {
        return items.stream().map(i -> sdk.read(i, type)).toList();
    }

    private static RekognitionException invalidToken() {
        return new RekognitionException("InvalidPaginationTokenException", "Invalid pagination token");
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The video must name an object of the caller's that exists, of at most 10 GB. */
    private void checkVideo(String account, Video video) {
        if (StoredObjects.size(storage, account, video == null ? null : video.s3Object()) > MAX_VIDEO_BYTES) {
            throw new RekognitionException("VideoTooLargeException", "Video size in bytes exceeded the limit of 10 GB");
        }
    }

    /** The members every Start request has, whatever its type, read by their names in the SDK's description of it. */
    static Common common(SdkPojo request) {
        return new Common((Video) member(request, "Video"), (String) member(request, "JobTag"),
                (NotificationChannel) member(request, "NotificationChannel"));
    }

    private static Object member(SdkPojo request, String name) {
        return request.sdkFields().stream().filter(f -> f.memberName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Start request: " + request.getClass().getSimpleName()))
                .getValueOrDefault(request);
    }
}
