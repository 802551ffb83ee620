package io.haneul.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.rekognition.bulk.ManifestLines;
import io.haneul.rekognition.bulk.ManifestSummary;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlMediaAnalysisJobs;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Job;
import io.haneul.storage.JobHandler;
import io.haneul.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.MediaAnalysisDetectModerationLabelsConfig;
import software.amazon.awssdk.services.rekognition.model.StartMediaAnalysisJobRequest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs bulk media analysis jobs from the durable scheduler (kind {@value MediaAnalysisJobs#SCHEDULER_KIND}):
 * a claimed job is QUEUED, and IN_PROGRESS once one of this node's {@code parallel} slots is free (a job
 * without one is put back a second later). The manifest is read line by line from S3; each image runs
 * through DetectModerationLabels ({@link Moderation}) and its answer becomes a line of
 * {@code results.jsonl}; lines that name no image, and images that cannot be analysed, become error
 * records of {@code manifest-summary.json}. Both are written under
 * {@code {S3KeyPrefix}/{JobId}/results/} in the output bucket, and the job SUCCEEDED. A manifest that
 * cannot be read, one with no line or over {@link ManifestLines}' bounds, or an output bucket that cannot be written FAILS the job with
 * AWS's FailureDetails code. A run that stops half-way runs again from the start (the output is written
 * whole at the end; a graceful shutdown puts the job back without counting a run, see {@link JobSlots}); after
 * {@value #MAX_RUNS} runs the job FAILS with INTERNAL_ERROR. Results are written with SSE-KMS under the job's
 * KmsKeyId when it names one (a key S3 cannot use: INVALID_KMS_KEY). A database or disk error is not the job's
 * fault: it is thrown, and the scheduler runs the job again.
 */
final class MediaAnalysisRunner implements JobHandler {

    static final int MAX_RUNS = 3;
    static final String RESULTS = "results.jsonl";
    static final String SUMMARY = "manifest-summary.json";
    private static final Logger LOG = LoggerFactory.getLogger(MediaAnalysisRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A job that ends FAILED, with its FailureDetails code. */
    private static final class Failure extends Exception {
        private final String code;

        Failure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final SqlMediaAnalysisJobs store;
    private final Supplier<Optional<ObjectStorage>> storage;
    private final Moderation moderation;
    private final Clock clock;
    private final JobSlots slots;
    private final SdkDocuments sdk = new SdkDocuments();

    MediaAnalysisRunner(SqlMediaAnalysisJobs store, DurableScheduler scheduler, Supplier<Optional<ObjectStorage>> storage,
                        Moderation moderation, Clock clock, int parallel) {
        this.store = store;
        this.storage = storage;
        this.moderation = moderation;
        this.clock = clock;
        this.slots = new JobSlots(scheduler, MediaAnalysisJobs.SCHEDULER_KIND, clock, MAX_RUNS, parallel);
    }

    /** The key of one of a job's output files. */
    static String outputKey(String prefix, String jobId, String file) {
        String p = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return p + jobId + "/results/" + file;
    }

    @Override
    public void handle(Job entry) throws Exception {
        JsonNode p = JSON.readTree(entry.payload());
        String account = p.get("account").asText();
        String region = p.get("region").asText();
        String jobId = p.get("jobId").asText();
        Optional<SqlMediaAnalysisJobs.Row> row = store.find(account, region, jobId);
        if (row.isEmpty() || row.get().completedMs() != null) {
            return;
        }
        slots.run(entry, p, jobId,
                earlier -> fail(account, region, jobId, "INTERNAL_ERROR", "The job was interrupted " + earlier + " times and was not run again."),
                () -> store.advance(account, region, jobId, "CREATED", "QUEUED"),
                () -> {
                    store.advance(account, region, jobId, "QUEUED", "IN_PROGRESS");
                    run(account, region, jobId, sdk.read(row.get().request(), StartMediaAnalysisJobRequest.class));
                });
    }

    /** Stops taking jobs; a job running now stops before its next image and is put back, to run again later. */
    void close() {
        slots.close();
    }

    private void run(String account, String region, String jobId, StartMediaAnalysisJobRequest r) throws Exception {
        Path results = Files.createTempFile("haneul-rekognition-bulk-", ".jsonl");
        Path errors = Files.createTempFile("haneul-rekognition-bulk-", ".errors");
        try (ManifestSummary summary = new ManifestSummary(errors)) {
            ObjectStorage s3 = storage.get().orElseThrow(() -> new Failure("INVALID_S3_OBJECT", RekognitionException.S3_OBJECT_MESSAGE));
            analyse(account, region, s3, r, results, summary);
            String prefix = r.outputConfig().s3KeyPrefix();
            String resultsKey = outputKey(prefix, jobId, RESULTS);
            String summaryKey = outputKey(prefix, jobId, SUMMARY);
            Output out = new Output(s3, account, region, r.outputConfig().s3Bucket(), r.kmsKeyId());
            out.write(resultsKey, Files.newInputStream(results), "application/jsonl");
            out.write(summaryKey, summary.content(), "application/json");
            store.finish(account, region, jobId, "SUCCEEDED", null, null, resultsKey, summaryKey, clock.millis());
        } catch (Failure f) {
            fail(account, region, jobId, f.code, f.getMessage());
        } catch (ShuttingDown | StorageException | java.io.IOException | java.io.UncheckedIOException e) {
            throw e; // the scheduler runs the job again (a stopping node puts it back)
        } catch (Exception e) {
            LOG.warn("media analysis job {} failed", jobId, e);
            fail(account, region, jobId, "INTERNAL_ERROR", "Amazon Rekognition experienced a service issue.");
        } finally {
            Files.deleteIfExists(results);
            Files.deleteIfExists(errors);
        }
    }

    /** Reads the manifest and writes one results line per analysed image; tells the summary of every line. */
    private void analyse(String account, String region, ObjectStorage s3, StartMediaAnalysisJobRequest r, Path results,
                         ManifestSummary summary) throws Exception {
        MediaAnalysisDetectModerationLabelsConfig config = r.operationsConfig().detectModerationLabels();
        software.amazon.awssdk.services.rekognition.model.S3Object manifest = r.input().s3Object();
        int lines;
        try (ObjectStorage.StoredObject object = s3.getObject(account, manifest.bucket(), manifest.name(), manifest.version());
             BufferedReader in = new BufferedReader(new InputStreamReader(object.content(), StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
            if (object.info().size() > ManifestLines.MAX_BYTES) {
                throw new Failure("INVALID_MANIFEST", "The manifest file is larger than " + ManifestLines.MAX_BYTES + " bytes.");
            }
            lines = ManifestLines.read(in, entry -> {
                if (slots.closed()) {
                    throw new ShuttingDown();
                }
                switch (entry) {
                    case ManifestLines.Invalid bad -> summary.failed(bad.lineNumber(), bad.sourceRef(), ManifestLines.INVALID_LINE, bad.message());
                    case ManifestLines.Image image -> {
                        try {
                            Image ref = Image.builder().s3Object(o -> o.bucket(image.bucket()).name(image.key())).build();
                            ObjectNode line = JSON.createObjectNode().put("source-ref", image.sourceRef());
                            line.set("detect-moderation-labels", JSON.readTree(sdk.write(moderation.detect(account, region, ref,
                                    config.minConfidence(), config.projectVersion()))));
                            out.write(line.toString());
                            out.write('\n');
                            summary.analysed();
                        } catch (RekognitionException e) {
                            summary.failed(image.lineNumber(), image.sourceRef(), e.code(), e.getMessage());
                        }
                    }
                }
            });
        } catch (ObjectStorage.ObjectStorageException e) {
            throw new Failure("INVALID_S3_OBJECT", RekognitionException.S3_OBJECT_MESSAGE);
        } catch (ManifestLines.TooLarge e) {
            throw new Failure("INVALID_MANIFEST", e.getMessage());
        }
        if (lines == 0) {
            throw new Failure("INVALID_MANIFEST", "The manifest file has no JSON lines.");
        }
    }

    /** The output bucket, written with SSE-KMS under the job's KmsKeyId when it names one. */
    private record Output(ObjectStorage s3, String account, String region, String bucket, String kmsKeyId) {

        void write(String key, InputStream content, String contentType) throws Failure, java.io.IOException {
            ObjectStorage.ServerSideEncryption sse = kmsKeyId == null ? null : new ObjectStorage.ServerSideEncryption("aws:kms", kmsKeyId);
            try (InputStream in = content) {
                s3.putObject(account, region, bucket, key, in, contentType, Map.of(), sse);
            } catch (ObjectStorage.ObjectStorageException e) {
                if (kmsKeyId != null && (e.code().toUpperCase(java.util.Locale.ROOT).contains("KMS") || e.code().equals("NotImplemented"))) {
                    throw new Failure("INVALID_KMS_KEY", "Unable to encrypt the results with the KMS key " + kmsKeyId + ".");
                }
                throw new Failure("INVALID_OUTPUT_CONFIG", "Unable to write the results to the output S3 bucket " + bucket + ".");
            }
        }
    }

    private void fail(String account, String region, String jobId, String code, String message) {
        store.finish(account, region, jobId, "FAILED", code, message, null, null, clock.millis());
    }

    /** This node is stopping: the scheduler runs the job again. */
    private static final class ShuttingDown extends IllegalStateException {
        ShuttingDown() {
            super("Rekognition is shutting down; the media analysis job runs again later");
        }
    }
}
