package io.haneul.it.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.GetMediaAnalysisJobResponse;
import software.amazon.awssdk.services.rekognition.model.ListMediaAnalysisJobsResponse;
import software.amazon.awssdk.services.rekognition.model.MediaAnalysisJobDescription;
import software.amazon.awssdk.services.rekognition.model.MediaAnalysisJobStatus;
import software.amazon.awssdk.services.rekognition.model.StartMediaAnalysisJobRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk image analysis (StartMediaAnalysisJob) through the SDK v2: a manifest of good images, bad lines,
 * a missing image and a file that is no image; DetectModerationLabels' answer for each image in
 * {@code results.jsonl} and an error record for every other line in {@code manifest-summary.json},
 * under {@code prefix/JobId/results/}; jobs that fail with AWS's FailureDetails codes; ClientRequestToken;
 * listing newest first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionBulkAnalysisIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<MediaAnalysisJobStatus> ENDED = Set.of(MediaAnalysisJobStatus.SUCCEEDED, MediaAnalysisJobStatus.FAILED);

    TestServer server;
    RekognitionClients c;
    String images;
    String output;

    @BeforeAll
    void start() {
        server = newServer();
        c = new RekognitionClients(server);
        images = c.bucket("images");
        output = c.bucket("results");
        c.s3.putObject(b -> b.bucket(images).key("pets/cat.jpg"), RequestBody.fromBytes(Pictures.photo("cat.jpg")));
        c.s3.putObject(b -> b.bucket(images).key("people/grace.jpg"), RequestBody.fromBytes(Pictures.photo("grace_hopper.jpg")));
        c.s3.putObject(b -> b.bucket(images).key("notes.txt"), RequestBody.fromString("not a picture"));
    }

    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    String manifest(String key, String text) {
        c.s3.putObject(b -> b.bucket(images).key(key), RequestBody.fromString(text));
        return key;
    }

    StartMediaAnalysisJobRequest.Builder job(String manifestKey, String outputBucket) {
        return StartMediaAnalysisJobRequest.builder().input(i -> i.s3Object(o -> o.bucket(images).name(manifestKey)))
                .operationsConfig(o -> o.detectModerationLabels(d -> d.minConfidence(60f)))
                .outputConfig(o -> o.s3Bucket(outputBucket).s3KeyPrefix("nightly"));
    }

    /** Asks until the job has ended (jobs run in the background). */
    GetMediaAnalysisJobResponse ended(String jobId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            GetMediaAnalysisJobResponse r = c.rek.getMediaAnalysisJob(b -> b.jobId(jobId));
            if (ENDED.contains(r.status())) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not end");
    }

    String read(String bucket, String key) {
        return c.s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    @Test
    void eachImageIsAnalysedAndEveryOtherLineReported() throws Exception {
        String key = manifest("manifests/mixed.jsonl", String.join("\n",
                "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}",
                "this is not json",
                "{\"source-ref\": \"s3://" + images + "/pets/missing.jpg\"}",
                "",
                "{\"source-ref\": \"s3://" + images + "/notes.txt\"}",
                "{\"image\": \"s3://" + images + "/pets/cat.jpg\"}",
                "{\"source-ref\": \"s3://" + images + "/people/grace.jpg\", \"note\": \"kept out of the results\"}") + "\n");
        String jobId = c.rek.startMediaAnalysisJob(job(key, output).jobName("mixed").build()).jobId();
        assertTrue(jobId.matches("[a-zA-Z0-9-_]{1,64}"), jobId);
        GetMediaAnalysisJobResponse r = ended(jobId);

        assertEquals(MediaAnalysisJobStatus.SUCCEEDED, r.status());
        assertNull(r.failureDetails());
        assertEquals(List.of(jobId, "mixed", images, key, output, "nightly"), List.of(r.jobId(), r.jobName(), r.input().s3Object().bucket(),
                r.input().s3Object().name(), r.outputConfig().s3Bucket(), r.outputConfig().s3KeyPrefix()));
        assertEquals(60f, r.operationsConfig().detectModerationLabels().minConfidence());
        assertTrue(!r.completionTimestamp().isBefore(r.creationTimestamp()));
        assertEquals(output, r.results().s3Object().bucket());
        assertEquals("nightly/" + jobId + "/results/results.jsonl", r.results().s3Object().name());
        assertEquals("haneul-none", r.results().modelVersions().moderation());
        assertEquals("nightly/" + jobId + "/results/manifest-summary.json", r.manifestSummary().s3Object().name());

        List<JsonNode> results = read(output, r.results().s3Object().name()).lines().map(RekognitionBulkAnalysisIT::json).toList();
        assertEquals(List.of("s3://" + images + "/pets/cat.jpg", "s3://" + images + "/people/grace.jpg"),
                results.stream().map(n -> n.get("source-ref").asText()).toList());
        for (JsonNode n : results) {
            assertEquals(json("{\"ModerationLabels\": [], \"ModerationModelVersion\": \"haneul-none\"}"), n.get("detect-moderation-labels"));
        }

        JsonNode summary = json(read(output, r.manifestSummary().s3Object().name()));
        assertEquals("1.0", summary.get("version").asText());
        assertEquals(json("{\"total-json-lines\": 6, \"valid-json-lines\": 2, \"invalid-json-lines\": 4}"), summary.get("statistics"));
        List<String> errors = new ArrayList<>();
        summary.get("errors").forEach(e -> errors.add(e.get("line-number").asInt() + " " + e.path("source-ref").asText("-") + " "
                + e.get("code").asText()));
        assertEquals(List.of("2 - InvalidManifestException", "3 s3://" + images + "/pets/missing.jpg InvalidS3ObjectException",
                "5 s3://" + images + "/notes.txt InvalidImageFormatException", "6 - InvalidManifestException"), errors);
        summary.get("errors").forEach(e -> assertTrue(!e.get("message").asText().isEmpty()));
    }

    @Test
    void jobsFailWithAwsFailureCodes() throws Exception {
        String empty = manifest("manifests/empty.jsonl", "\n\n");
        GetMediaAnalysisJobResponse none = ended(c.rek.startMediaAnalysisJob(job(empty, output).build()).jobId());
        assertEquals(MediaAnalysisJobStatus.FAILED, none.status());
        assertEquals("INVALID_MANIFEST", none.failureDetails().codeAsString());
        assertNull(none.results());
        assertNull(none.manifestSummary());
        assertNotNull(none.completionTimestamp());

        String one = manifest("manifests/one.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        GetMediaAnalysisJobResponse nowhere = ended(c.rek.startMediaAnalysisJob(job(one, "no-such-bucket-for-results").build()).jobId());
        assertEquals(MediaAnalysisJobStatus.FAILED, nowhere.status());
        assertEquals("INVALID_OUTPUT_CONFIG", nowhere.failureDetails().codeAsString());

        expectError("InvalidS3ObjectException", 400, () -> c.rek.startMediaAnalysisJob(job("manifests/not-there.jsonl", output).build()));
        expectError("ResourceNotFoundException", 400, () -> c.rek.getMediaAnalysisJob(b -> b.jobId("no-such-job")));
    }

    /** The adapter rules of Start are DetectModerationLabels' own. */
    @Test
    void anAdapterMustExistAndBeTrained() {
        String one = manifest("manifests/adapter.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        String project = c.rek.createProject(b -> b.projectName(RekognitionClients.name("adapter")).feature("CONTENT_MODERATION")).projectArn();
        String version = c.rek.createProjectVersion(b -> b.projectArn(project).versionName("v1").outputConfig(o -> o.s3Bucket(output)))
                .projectVersionArn();
        expectError("ResourceNotReadyException", 400, () -> c.rek.startMediaAnalysisJob(job(one, output)
                .operationsConfig(o -> o.detectModerationLabels(d -> d.projectVersion(version))).build()));
        expectError("ResourceNotFoundException", 400, () -> c.rek.startMediaAnalysisJob(job(one, output)
                .operationsConfig(o -> o.detectModerationLabels(d -> d.projectVersion(version.replace("/v1/", "/v2/")))).build()));
        expectError("ResourceNotReadyException", 400, () -> c.rek.detectModerationLabels(b -> b.projectVersion(version)
                .image(RekognitionClients.bytes(Pictures.photo("cat.jpg")))));
    }

    @Test
    void aClientRequestTokenStartsOneJob() {
        String one = manifest("manifests/token.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        String first = c.rek.startMediaAnalysisJob(job(one, output).jobName("once").clientRequestToken("token-1").build()).jobId();
        assertEquals(first, c.rek.startMediaAnalysisJob(job(one, output).jobName("once").clientRequestToken("token-1").build()).jobId());
        expectError("IdempotentParameterMismatchException", 400, () -> c.rek.startMediaAnalysisJob(job(one, output).jobName("other")
                .clientRequestToken("token-1").build()));
        assertNotEquals(first, c.rek.startMediaAnalysisJob(job(one, output).jobName("once").clientRequestToken("token-2").build()).jobId());
    }

    /** A repeated token answers its job before the manifest is looked at again: the manifest may be gone by then. */
    @Test
    void aRepeatedTokenAnswersItsJobEvenWhenTheManifestIsGone() {
        String gone = manifest("manifests/gone.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        String first = c.rek.startMediaAnalysisJob(job(gone, output).clientRequestToken("token-gone").build()).jobId();
        c.s3.deleteObject(b -> b.bucket(images).key(gone));
        assertEquals(first, c.rek.startMediaAnalysisJob(job(gone, output).clientRequestToken("token-gone").build()).jobId());
        expectError("InvalidS3ObjectException", 400, () -> c.rek.startMediaAnalysisJob(job(gone, output).clientRequestToken("token-new").build()));
    }

    @Test
    void resultsAreEncryptedWithTheJobsKmsKey() throws Exception {
        String one = manifest("manifests/kms.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        GetMediaAnalysisJobResponse r = ended(c.rek.startMediaAnalysisJob(job(one, output).kmsKeyId(key).build()).jobId());
        assertEquals(MediaAnalysisJobStatus.SUCCEEDED, r.status());
        assertEquals(key, r.kmsKeyId());
        for (String name : List.of(r.results().s3Object().name(), r.manifestSummary().s3Object().name())) {
            var head = c.s3.headObject(b -> b.bucket(output).key(name));
            assertEquals(List.of("aws:kms", key), List.of(head.serverSideEncryptionAsString(), head.ssekmsKeyId()), name);
        }
    }

    @Test
    void jobsAreListedNewestFirstInPages() {
        String one = manifest("manifests/listed.jsonl", "{\"source-ref\": \"s3://" + images + "/pets/cat.jpg\"}");
        for (int i = 0; i < 3; i++) {
            c.rek.startMediaAnalysisJob(job(one, output).build());
        }
        List<MediaAnalysisJobDescription> all = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListMediaAnalysisJobsResponse page = c.rek.listMediaAnalysisJobs(b -> b.maxResults(2).nextToken(t));
            assertTrue(page.mediaAnalysisJobs().size() <= 2);
            all.addAll(page.mediaAnalysisJobs());
            token = page.nextToken();
        } while (token != null);
        assertTrue(all.size() >= 3, all::toString);
        assertEquals(all.size(), all.stream().map(MediaAnalysisJobDescription::jobId).distinct().count());
        List<Instant> created = all.stream().map(MediaAnalysisJobDescription::creationTimestamp).toList();
        assertEquals(created.stream().sorted(Comparator.reverseOrder()).toList(), created);
        expectError("InvalidPaginationTokenException", 400, () -> c.rek.listMediaAnalysisJobs(b -> b.nextToken("bm90LWEtdG9rZW4")));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
