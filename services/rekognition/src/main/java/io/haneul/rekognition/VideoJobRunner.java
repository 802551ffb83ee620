package io.haneul.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.MediaTools;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlVideoJobs;
import io.haneul.rekognition.video.FrameSampler;
import io.haneul.rekognition.video.MediaProbe;
import io.haneul.rekognition.video.SceneScan;
import io.haneul.rekognition.video.VideoInfo;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.model.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs stored-video jobs from the durable scheduler (kind {@value VideoJobs#SCHEDULER_KIND}, one entry
 * per job, on whichever node claims it): the video is streamed from S3 to a work file, probed
 * (anything but H.264 in MP4/MOV fails with AWS's "Unsupported codec/format."), its frames sampled and
 * analysed one at a time, results stored after each frame, then the job SUCCEEDED or FAILED and the
 * NotificationChannel told.
 *
 * <p>At most {@code parallel} jobs run at once on a node ({@link JobSlots}); a job that finds no free slot
 * is put back a second later. A run that stops half-way (shutdown, a node that died) leaves the job
 * IN_PROGRESS and its entry is run again: the earlier run's results are dropped and the job starts over. A
 * graceful shutdown does not count as a run; after {@value #MAX_RUNS} other runs the job is FAILED
 * instead, so that no job stays IN_PROGRESS forever.
 */
final class VideoJobRunner implements JobHandler {

    static final int MAX_RUNS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(VideoJobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSUPPORTED = "Unsupported codec/format.";

    /** How frames are sampled: {@code fps} a second, at most {@code maxFrames} a job. */
    record Sampling(double fps, int maxFrames) {
    }

    private final SqlVideoJobs store;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final Supplier<Optional<MediaTools>> media;
    private final FrameAnalyses analyses;
    private final VideoNotices notices;
    private final Clock clock;
    private final Sampling sampling;
    private final JobSlots slots;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private final SdkDocuments sdk = new SdkDocuments();

    VideoJobRunner(SqlVideoJobs store, DurableScheduler scheduler, Supplier<Optional<ObjectStorage>> storage,
                   Supplier<Optional<MediaTools>> media, FrameAnalyses analyses, VideoNotices notices, Clock clock,
                   Sampling sampling, int parallel) {
        this.store = store;
        this.storage = storage;
        this.media = media;
        this.analyses = analyses;
        this.notices = notices;
        this.clock = clock;
        this.sampling = sampling;
        this.slots = new JobSlots(scheduler, VideoJobs.SCHEDULER_KIND, clock, MAX_RUNS, parallel);
    }

    @Override
    public void handle(Job entry) throws Exception {
        JsonNode p = JSON.readTree(entry.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String jobId = p.get("jobId").asText();
        Optional<SqlVideoJobs.Row> row = store.find(account, region, jobId);
        if (row.isEmpty() || !row.get().status().equals("IN_PROGRESS")) {
            return;
        }
        VideoKind kind = VideoKind.valueOf(row.get().api());
        SdkPojo request = sdk.read(row.get().request(), kind.requestType());
        VideoJobs.Common common = VideoJobs.common(request);
        slots.run(entry, p, jobId,
                earlier -> finish(account, region, jobId, kind, common, "FAILED", "The job was interrupted " + earlier + " times and was not run again."),
                () -> { },
                () -> {
                    Run here = new Run();
                    running.add(here);
                    try {
                        run(account, region, jobId, kind, request, common);
                    } finally {
                        running.remove(here);
                        here.done();
                    }
                });
    }

    /**
     * Stops the jobs running on this node: each stays IN_PROGRESS and runs again from the start. Waits
     * (up to 10 s each) for them to let go of the models, which are closed next.
     */
    void close() {
        slots.close();
        List<Run> runs = List.copyOf(running);
        runs.forEach(Run::interrupt);
        for (Run r : runs) {
            try {
                r.awaitDone(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(String account, String region, String jobId, VideoKind kind, SdkPojo request, VideoJobs.Common common) throws Exception {
        store.clearResults(account, region, jobId);
        Path work = Files.createTempFile("haneul-rekognition-video-", ".media");
        String status = "SUCCEEDED";
        String message = null;
        try {
            if (!download(account, common.video().s3Object(), work)) {
                status = "FAILED";
                message = RekognitionException.S3_OBJECT_MESSAGE;
            } else {
                MediaTools tools = media.get().orElseThrow(() -> new IllegalStateException(
                        "no FFmpeg: Rekognition Video needs the Elastic Transcoder module, which brings it"));
                Optional<VideoInfo> info = new MediaProbe(tools.ffprobe()).probe(work);
                if (info.isEmpty() || !info.get().supported()) {
                    status = "FAILED";
                    message = UNSUPPORTED;
                } else {
                    store.metadata(account, region, jobId, VideoJobs.metadataJson(info.get()));
                    analyse(account, region, jobId, kind, request, info.get(), work, tools);
                }
            }
        } catch (RekognitionException e) {
            status = "FAILED";
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.interrupted();
            throw e;
        } catch (Exception e) {
            if (slots.closed() || Thread.currentThread().isInterrupted()) {
                Thread.interrupted();
                throw e; // shutdown: the entry runs again
            }
            LOG.warn("video job {} failed", jobId, e);
            status = "FAILED";
            message = "Amazon Rekognition experienced a service issue: " + e.getMessage();
        } finally {
            Files.deleteIfExists(work);
        }
        finish(account, region, jobId, kind, common, status, message);
    }

    private void analyse(String account, String region, String jobId, VideoKind kind, SdkPojo request, VideoInfo info, Path file,
                         MediaTools tools) throws Exception {
        Buffer sink = new Buffer(account, region, jobId);
        if (kind == VideoKind.SEGMENT_DETECTION) {
            SegmentResults.run(new SceneScan(tools.ffmpeg()), file, info, (StartSegmentDetectionRequest) request, sink);
            sink.flush();
            return;
        }
        if (!kind.readsFrames()) {
            return; // celebrities and moderation: no model, an honest empty result for a readable video
        }
        double rate = FrameSampler.rate(info, sampling.fps(), sampling.maxFrames());
        long interval = Math.round(1000 / rate);
        VideoAnalysis analysis = switch (kind) {
            case LABEL_DETECTION -> analyses.labels((StartLabelDetectionRequest) request, interval);
            case FACE_DETECTION -> analyses.faces((StartFaceDetectionRequest) request);
            case TEXT_DETECTION -> analyses.text((StartTextDetectionRequest) request);
            case PERSON_TRACKING -> analyses.persons(interval);
            case FACE_SEARCH -> analyses.faceSearch(account, region, (StartFaceSearchRequest) request, interval);
            default -> throw new IllegalStateException(kind.name());
        };
        long[] last = {0};
        new FrameSampler(tools.ffmpeg()).sample(file, info, rate, sampling.maxFrames(), (ts, frame) -> {
            if (slots.closed()) {
                throw new InterruptedException("shutting down");
            }
            analysis.frame(ts, frame, sink);
            sink.flush();
            last[0] = ts;
        });
        analysis.end(last[0], sink);
        sink.flush();
    }

    private boolean download(String account, S3Object o, Path to) throws java.io.IOException {
        Optional<ObjectStorage> s3 = storage.get();
        if (s3.isEmpty()) {
            return false;
        }
        try (ObjectStorage.StoredObject object = s3.get().getObject(account, o.bucket(), o.name(), o.version());
             InputStream in = object.content()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (ObjectStorage.ObjectStorageException e) {
            return false;
        }
    }

    private void finish(String account, String region, String jobId, VideoKind kind, VideoJobs.Common common, String status, String message) {
        long now = clock.millis();
        if (store.finish(account, region, jobId, status, message, now)) {
            notices.send(account, jobId, kind, common, status, now);
        }
    }

    /**
     * A job running on a scheduler thread. The thread is shared (it runs other services' jobs before and
     * after), so it is interrupted only while it still runs this job, and an interrupt that arrives just
     * as the job ends is cleared before the thread goes back to the scheduler.
     */
    static final class Run {
        private final Thread thread = Thread.currentThread();
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private boolean done;
        private boolean interrupted;

        synchronized void interrupt() {
            if (!done) {
                interrupted = true;
                thread.interrupt();
            }
        }

        /** Called on the job's own thread when the job ends. */
        synchronized void done() {
            done = true;
            if (interrupted) {
                Thread.interrupted();
            }
            ended.countDown();
        }

        void awaitDone(long millis) throws InterruptedException {
            ended.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Collects a frame's items and writes them in one transaction. */
    private final class Buffer implements VideoAnalysis.Sink {
        private final String account;
        private final String region;
        private final String jobId;
        private final List<SqlVideoJobs.Item> timestamps = new ArrayList<>();
        private final List<SqlVideoJobs.Item> segments = new ArrayList<>();

        Buffer(String account, String region, String jobId) {
            this.account = account;
            this.region = region;
            this.jobId = jobId;
        }

        @Override
        public void add(String view, long timestampMillis, String sortKey, SdkPojo item) {
            (VideoAnalysis.SEGMENTS.equals(view) ? segments : timestamps).add(new SqlVideoJobs.Item(timestampMillis, sortKey, sdk.write(item)));
        }

        void flush() {
            store.append(account, region, jobId, VideoAnalysis.TIMESTAMPS, timestamps);
            store.append(account, region, jobId, VideoAnalysis.SEGMENTS, segments);
            timestamps.clear();
            segments.clear();
        }
    }
}
