package io.haneul.it.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elastictranscoder.model.CreatePresetResponse;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.ListPresetsResponse;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.haneul.it.transcoder.TranscoderClients.ROLE;
import static io.haneul.it.transcoder.TranscoderClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elastic Transcoder's control plane through the SDK v2: pipelines (buckets and SNS topics checked,
 * OutputBucket or ContentConfig/ThumbnailConfig, status, notifications, delete refused while jobs are
 * open), the 62 system presets and custom presets with AWS's validation, and CreateJob's validation,
 * listings, paging and CancelJob on a paused pipeline (which holds its jobs Submitted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscoderControlPlaneIT {

    static final String WEB_720P = "1351620000001-100070";
    static final String HLS_2M = "1351620000001-200010";
    TestServer server;
    TranscoderClients c;
    String in;
    String out;

    @BeforeAll
    void start() {
        server = newServer();
        c = new TranscoderClients(server);
        in = c.bucket("in");
        out = c.bucket("out");
    }

    /** The server under test: embedded SQLite here, PostgreSQL in {@link TranscoderControlPlanePostgresIT}. */
    TestServer newServer() {
        return TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private Pipeline pipeline(String name) {
        return c.et.createPipeline(b -> b.name(name).inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
    }

    @Test
    void pipelineLifecycle() {
        String topic = c.sns.createTopic(b -> b.name("et-progress")).topicArn();
        Pipeline p = c.et.createPipeline(b -> b.name("lifecycle").inputBucket(in).outputBucket(out).role(ROLE).awsKmsKeyArn("arn:aws:kms:us-east-1:111111111111:key/k1")
                .notifications(n -> n.progressing(topic).completed("").warning("").error(""))).pipeline();
        assertTrue(p.id().matches("\\d{13}-\\w{6}"), p.id());
        assertEquals("arn:aws:elastictranscoder:us-east-1:111111111111:pipeline/" + p.id(), p.arn());
        assertEquals("Active", p.status());
        assertEquals(out, p.outputBucket());
        assertEquals(out, p.contentConfig().bucket());
        assertEquals(out, p.thumbnailConfig().bucket());
        assertEquals("arn:aws:kms:us-east-1:111111111111:key/k1", p.awsKmsKeyArn());
        assertEquals(topic, p.notifications().progressing());

        Pipeline read = c.et.readPipeline(b -> b.id(p.id())).pipeline();
        assertEquals(p, read);
        Pipeline renamed = c.et.updatePipeline(b -> b.id(p.id()).name("renamed")).pipeline();
        assertEquals("renamed", renamed.name());
        assertEquals(in, renamed.inputBucket());
        assertEquals("Paused", c.et.updatePipelineStatus(b -> b.id(p.id()).status("Paused")).pipeline().status());
        Pipeline quiet = c.et.updatePipelineNotifications(b -> b.id(p.id()).notifications(n -> n.progressing("").completed(topic)
                .warning("").error(""))).pipeline();
        assertEquals("", quiet.notifications().progressing());
        assertEquals(topic, quiet.notifications().completed());
        assertEquals("Paused", c.et.readPipeline(b -> b.id(p.id())).pipeline().status());

        c.et.deletePipeline(b -> b.id(p.id()));
        AwsServiceException gone = expectError("ResourceNotFoundException", 404, () -> c.et.readPipeline(b -> b.id(p.id())));
        assertTrue(gone.awsErrorDetails().errorMessage().contains(p.id()));
    }

    @Test
    void contentAndThumbnailConfigs() {
        String thumbs = c.bucket("thumbs");
        Pipeline p = c.et.createPipeline(b -> b.name("split").inputBucket(in).role(ROLE)
                .contentConfig(cc -> cc.bucket(out).storageClass("ReducedRedundancy")
                        .permissions(g -> g.granteeType("Group").grantee("AllUsers").access("Read")))
                .thumbnailConfig(tc -> tc.bucket(thumbs).storageClass("Standard"))).pipeline();
        assertNull(p.outputBucket());
        assertEquals(out, p.contentConfig().bucket());
        assertEquals("ReducedRedundancy", p.contentConfig().storageClass());
        assertEquals("AllUsers", p.contentConfig().permissions().getFirst().grantee());
        assertEquals(thumbs, p.thumbnailConfig().bucket());

        expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("both").inputBucket(in).outputBucket(out)
                .role(ROLE).contentConfig(cc -> cc.bucket(out)).thumbnailConfig(tc -> tc.bucket(thumbs))));
        expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("half").inputBucket(in).role(ROLE)
                .contentConfig(cc -> cc.bucket(out))));
        expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("group").inputBucket(in).role(ROLE)
                .contentConfig(cc -> cc.bucket(out).permissions(g -> g.granteeType("Group").grantee("Everyone").access("Read")))
                .thumbnailConfig(tc -> tc.bucket(thumbs))));
    }

    @Test
    void pipelineReferencesAreChecked() {
        AwsServiceException noBucket = expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("x")
                .inputBucket("no-such-bucket-et").outputBucket(out).role(ROLE)));
        assertTrue(noBucket.awsErrorDetails().errorMessage().contains("no-such-bucket-et"));
        AwsServiceException noTopic = expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("x").inputBucket(in)
                .outputBucket(out).role(ROLE).notifications(n -> n.error("arn:aws:sns:us-east-1:111111111111:missing"))));
        assertTrue(noTopic.awsErrorDetails().errorMessage().contains("missing"));
        expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("x").inputBucket(in).outputBucket(out)
                .role("not-a-role")));
        expectError("ValidationException", 400, () -> c.et.createPipeline(b -> b.name("x").inputBucket(in).role(ROLE)));
        expectError("ResourceNotFoundException", 404, () -> c.et.readPipeline(b -> b.id("1111111111111-abcde1")));
    }

    @Test
    void pipelinesPageInBothDirections() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(pipeline("paged-" + i).id());
        }
        List<String> ascending = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = c.et.listPipelines(b -> b.ascending("true").pageToken(t));
            page.pipelines().forEach(p -> ascending.add(p.id()));
            token = page.nextPageToken();
        } while (token != null);
        assertTrue(ascending.containsAll(created));
        assertTrue(ascending.indexOf(created.get(0)) < ascending.indexOf(created.get(2)));
        List<String> descending = c.et.listPipelines(b -> b.ascending("false")).pipelines().stream().map(Pipeline::id).toList();
        assertTrue(descending.indexOf(created.get(2)) < descending.indexOf(created.get(0)));
    }

    @Test
    void systemPresetsAreListedAndProtected() {
        List<Preset> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListPresetsResponse page = c.et.listPresets(b -> b.pageToken(t));
            all.addAll(page.presets());
            token = page.nextPageToken();
            pages++;
        } while (token != null);
        assertTrue(pages >= 2, "62 system presets need two pages of 50");
        assertEquals(62, all.stream().filter(p -> p.type().equals("System")).count());
        Preset web = c.et.readPreset(b -> b.id(WEB_720P)).preset();
        assertEquals("System", web.type());
        assertEquals("arn:aws:elastictranscoder:us-east-1:111111111111:preset/" + WEB_720P, web.arn());
        assertEquals("mp4", web.container());
        AwsServiceException denied = expectError("AccessDeniedException", 403, () -> c.et.deletePreset(b -> b.id(WEB_720P)));
        assertTrue(denied.awsErrorDetails().errorMessage().contains(WEB_720P));
        expectError("ResourceNotFoundException", 404, () -> c.et.readPreset(b -> b.id("1111111111111-zzzzz9")));
    }

    @Test
    void customPresetsAreValidated() {
        CreatePresetResponse created = c.et.createPreset(b -> b.name("custom").description("small mp4").container("mp4")
                .video(v -> v.codec("H.264").codecOptions(java.util.Map.of("Profile", "main", "Level", "3.1", "MaxReferenceFrames", "3"))
                        .keyframesMaxDist("90").fixedGOP("false").bitRate("600").frameRate("30").maxWidth("640").maxHeight("360")
                        .sizingPolicy("ShrinkToFit").paddingPolicy("NoPad").displayAspectRatio("auto"))
                .audio(a -> a.codec("AAC").sampleRate("44100").bitRate("128").channels("2").codecOptions(o -> o.profile("AAC-LC")))
                .thumbnails(t -> t.format("png").interval("60").maxWidth("192").maxHeight("108").sizingPolicy("ShrinkToFit")
                        .paddingPolicy("NoPad")));
        Preset p = created.preset();
        assertEquals("Custom", p.type());
        assertNull(created.warning());
        assertEquals(p, c.et.readPreset(b -> b.id(p.id())).preset());

        CreatePresetResponse warned = c.et.createPreset(b -> b.name("too big for 3.0").container("mp4")
                .video(v -> v.codec("H.264").codecOptions(java.util.Map.of("Profile", "high", "Level", "3")).maxWidth("1920").maxHeight("1080"))
                .audio(a -> a.codec("AAC").bitRate("128")));
        assertNotNull(warned.warning());

        assertMessage("Video:Codec", () -> c.et.createPreset(b -> b.name("bad").container("mp4").video(v -> v.codec("vp8"))));
        assertMessage("Audio:Codec", () -> c.et.createPreset(b -> b.name("bad").container("mp3").audio(a -> a.codec("AAC"))));
        assertMessage("Video:MaxWidth", () -> c.et.createPreset(b -> b.name("bad").container("mp4").video(v -> v.codec("H.264").maxWidth("641"))));
        assertMessage("Video:CodecOptions:Level", () -> c.et.createPreset(b -> b.name("bad").container("mp4")
                .video(v -> v.codec("H.264").codecOptions(java.util.Map.of("Level", "5")))));
        assertMessage("Video:Resolution", () -> c.et.createPreset(b -> b.name("bad").container("mp4")
                .video(v -> v.codec("H.264").resolution("640x360").maxWidth("640"))));
        assertMessage("Video:FixedGOP", () -> c.et.createPreset(b -> b.name("bad").container("fmp4").video(v -> v.codec("H.264").fixedGOP("false"))));
        assertMessage("Audio:BitRate", () -> c.et.createPreset(b -> b.name("bad").container("mp3").audio(a -> a.codec("mp3").bitRate("500"))));
        assertMessage("Video:Watermarks:HorizontalOffset", () -> c.et.createPreset(b -> b.name("bad").container("mp4")
                .video(v -> v.codec("H.264").watermarks(w -> w.id("logo").horizontalAlign("Center").horizontalOffset("10px")))));
        assertMessage("Thumbnails:Interval", () -> c.et.createPreset(b -> b.name("bad").container("mp4").video(v -> v.codec("H.264"))
                .thumbnails(t -> t.format("png").interval("0"))));

        c.et.deletePreset(b -> b.id(p.id()));
        expectError("ResourceNotFoundException", 404, () -> c.et.readPreset(b -> b.id(p.id())));
    }

    private static void assertMessage(String setting, Runnable call) {
        AwsServiceException e = expectError("ValidationException", 400, call);
        assertTrue(e.awsErrorDetails().errorMessage().contains(setting), e.awsErrorDetails().errorMessage());
    }

    @Test
    void createJobIsValidated() {
        Pipeline p = pipeline("validation");
        expectError("ResourceNotFoundException", 404, () -> c.et.createJob(b -> b.pipelineId("1111111111111-abcde1")
                .input(i -> i.key("in.mp4")).output(o -> o.key("out.mp4").presetId(WEB_720P))));
        expectError("ResourceNotFoundException", 404, () -> c.et.createJob(b -> b.pipelineId(p.id())
                .input(i -> i.key("in.mp4")).output(o -> o.key("out.mp4").presetId("1111111111111-nopres"))));
        assertMessage("Outputs:Key", () -> c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("in.mp4"))
                .outputs(o -> o.key("same.mp4").presetId(WEB_720P), o -> o.key("same.mp4").presetId(WEB_720P))));
        assertMessage("SegmentDuration", () -> c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("in.mp4"))
                .outputs(o -> o.key("hls").presetId(HLS_2M).segmentDuration("61"))));
        assertMessage("Playlists:OutputKeys", () -> c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("in.mp4"))
                .outputs(o -> o.key("hls").presetId(HLS_2M).segmentDuration("10"))
                .playlists(pl -> pl.name("master").format("HLSv3").outputKeys("other"))));
        assertMessage("Container", () -> c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("in.mp4"))
                .outputs(o -> o.key("hls").presetId(HLS_2M).segmentDuration("10"))
                .playlists(pl -> pl.name("master").format("MPEG-DASH").outputKeys("hls"))));
        expectError("ValidationException", 400, () -> c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("in.mp4"))
                .output(o -> o.key("t.mp4").presetId(WEB_720P).thumbnailPattern("thumb-no-counter"))));
        assertMessage("Input", () -> c.et.createJob(b -> b.pipelineId(p.id()).output(o -> o.key("t.mp4").presetId(WEB_720P))));
    }

    @Test
    void pausedPipelineHoldsJobsThatCanBeCanceled() throws Exception {
        Pipeline p = pipeline("paused");
        c.et.updatePipelineStatus(b -> b.id(p.id()).status("Paused"));
        Job job = c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("movie.mp4")).outputKeyPrefix("web/")
                .output(o -> o.key("movie-720p.mp4").presetId(WEB_720P).thumbnailPattern("thumbs-{count}"))
                .userMetadata(java.util.Map.of("customer", "acme"))).job();
        assertTrue(job.id().matches("\\d{13}-\\w{6}"));
        assertEquals("Submitted", job.status());
        assertEquals("1", job.outputs().getFirst().id());
        assertEquals("Submitted", job.output().status());
        assertEquals("acme", job.userMetadata().get("customer"));
        assertNotNull(job.timing().submitTimeMillis());
        Job second = c.et.createJob(b -> b.pipelineId(p.id()).input(i -> i.key("movie.mp4"))
                .output(o -> o.key("second.mp4").presetId(WEB_720P))).job();

        assertEquals("Submitted", c.et.readJob(b -> b.id(job.id())).job().status());
        expectError("ResourceInUseException", 409, () -> c.et.deletePipeline(b -> b.id(p.id())));

        List<String> newestFirst = c.et.listJobsByPipeline(b -> b.pipelineId(p.id())).jobs().stream().map(Job::id).toList();
        assertEquals(List.of(second.id(), job.id()), newestFirst);
        List<String> oldestFirst = c.et.listJobsByPipeline(b -> b.pipelineId(p.id()).ascending("true")).jobs().stream().map(Job::id).toList();
        assertEquals(List.of(job.id(), second.id()), oldestFirst);
        assertTrue(c.et.listJobsByStatus(b -> b.status("Submitted")).jobs().stream().anyMatch(j -> j.id().equals(job.id())));

        c.et.cancelJob(b -> b.id(job.id()));
        Job canceled = c.et.readJob(b -> b.id(job.id())).job();
        assertEquals("Canceled", canceled.status());
        assertEquals("Canceled", canceled.outputs().getFirst().status());
        expectError("ResourceInUseException", 409, () -> c.et.cancelJob(b -> b.id(job.id())));
        assertTrue(c.et.listJobsByStatus(b -> b.status("Canceled")).jobs().stream().anyMatch(j -> j.id().equals(job.id())));

        JsonNode progress = new ObjectMapper().readTree(JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/transcoder/jobs"))));
        boolean listed = false;
        for (JsonNode j : progress.get("jobs")) {
            if (j.get("id").asText().equals(second.id())) {
                listed = true;
                assertEquals("Submitted", j.get("status").asText());
                assertEquals(0, j.get("progress").asInt());
                assertEquals(p.id(), j.get("pipelineId").asText());
            }
        }
        assertTrue(listed, progress.toString());

        c.et.cancelJob(b -> b.id(second.id()));
        c.et.deletePipeline(b -> b.id(p.id()));
        assertFalse(c.et.listPipelines().pipelines().stream().anyMatch(x -> x.id().equals(p.id())));
        expectError("ResourceNotFoundException", 404, () -> c.et.listJobsByPipeline(b -> b.pipelineId(p.id())));
    }

    @Test
    void jobPagesRunFiftyAtATime() {
        Pipeline p = pipeline("many");
        c.et.updatePipelineStatus(b -> b.id(p.id()).status("Paused"));
        for (int i = 0; i < 51; i++) {
            int n = i;
            c.et.createJob(b -> b.pipelineId(p.id()).input(in -> in.key("m.mp4")).output(o -> o.key("o" + n + ".mp4").presetId(WEB_720P)));
        }
        var first = c.et.listJobsByPipeline(b -> b.pipelineId(p.id()).ascending("true"));
        assertEquals(50, first.jobs().size());
        assertNotNull(first.nextPageToken());
        var second = c.et.listJobsByPipeline(b -> b.pipelineId(p.id()).ascending("true").pageToken(first.nextPageToken()));
        assertEquals(1, second.jobs().size());
        assertNull(second.nextPageToken());
        assertEquals("o50.mp4", second.jobs().getFirst().outputs().getFirst().key());
    }
}
