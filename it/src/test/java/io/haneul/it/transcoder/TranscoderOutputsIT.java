package io.haneul.it.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.elastictranscoder.model.Job;
import software.amazon.awssdk.services.elastictranscoder.model.JobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.Permission;
import software.amazon.awssdk.services.elastictranscoder.model.Pipeline;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static io.haneul.it.transcoder.TranscoderClients.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a job does to the files it writes and what it reports about them: the pipeline's ContentConfig and
 * ThumbnailConfig Permissions become the S3 ACLs of outputs and thumbnails (read back with GetObjectAcl),
 * a bucket whose ownership controls disable ACLs fails the output with 3000, and the WARNING notification
 * (with the output's StatusDetail) for an output completed despite its preset: audio settings for an input
 * without audio (4008) and an HE-AAC profile the bundled FFmpeg cannot encode (AAC-LC instead, 1000);
 * Encryption modes s3 and s3-aws-kms as S3 server-side encryption (read back with HeadObject), and the
 * KMS-wrapped aes-* modes failing with 4018 for want of a KMS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscoderOutputsIT {

    static final String GENERIC_320 = "1351620000001-000061";
    static final String CANONICAL = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    Path dir;
    TestServer server;
    TranscoderClients c;
    String in;
    JobNotifications events;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("transcoder-outputs");
        server = TestServer.start("--transcoder-parallel-jobs", "2");
        c = new TranscoderClients(server);
        in = c.bucket("outputs-in");
        c.s3.putObject(b -> b.bucket(in).key("clip.mp4"), RequestBody.fromFile(TestMedia.clip(dir, 2)));
        c.s3.putObject(b -> b.bucket(in).key("silent.mp4"), RequestBody.fromFile(TestMedia.silentClip(dir, 2)));
        events = new JobNotifications(c, "transcoder-outputs");
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void permissionsBecomeTheAclsOfOutputsAndThumbnails() throws Exception {
        String content = aclBucket("acl-content");
        String thumbs = aclBucket("acl-thumbs");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("acl").inputBucket(in).role(ROLE)
                .contentConfig(cc -> cc.bucket(content).permissions(
                        Permission.builder().granteeType("Group").grantee("AllUsers").access("Read").build(),
                        Permission.builder().granteeType("Email").grantee("media@example.com").access("FullControl").build(),
                        Permission.builder().granteeType("Canonical").grantee(CANONICAL).access("ReadAcp", "WriteAcp").build()))
                .thumbnailConfig(tc -> tc.bucket(thumbs).permissions(
                        Permission.builder().granteeType("Group").grantee("AuthenticatedUsers").access("Read").build()))).pipeline();
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("clip.mp4")).outputKeyPrefix("acl/")
                .output(o -> o.key("small.mp4").presetId(GENERIC_320).thumbnailPattern("t-{count}"))).job();
        Job done = JobNotifications.awaitFinished(c, job.id());
        assertEquals("Complete", done.status(), String.valueOf(done.outputs().getFirst().statusDetail()));

        assertEquals(Set.of("Group http://acs.amazonaws.com/groups/global/AllUsers READ",
                        "AmazonCustomerByEmail media@example.com FULL_CONTROL",
                        "CanonicalUser " + CANONICAL + " READ_ACP", "CanonicalUser " + CANONICAL + " WRITE_ACP"),
                grants(content, "acl/small.mp4"));
        assertEquals(Set.of("Group http://acs.amazonaws.com/groups/global/AuthenticatedUsers READ"), grants(thumbs, "acl/t-00001.png"));
    }

    @Test
    void permissionsOnABucketWithoutAclsFailTheOutput() throws Exception {
        String enforced = c.bucket("acl-enforced"); // S3's default ownership: BucketOwnerEnforced
        Pipeline pipeline = c.et.createPipeline(b -> b.name("no-acl").inputBucket(in).role(ROLE)
                .contentConfig(cc -> cc.bucket(enforced).permissions(
                        Permission.builder().granteeType("Group").grantee("AllUsers").access("Read").build()))
                .thumbnailConfig(tc -> tc.bucket(enforced))).pipeline();
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("clip.mp4"))
                .output(o -> o.key("small.mp4").presetId(GENERIC_320))).job();
        Job done = JobNotifications.awaitFinished(c, job.id());
        assertEquals("Error", done.status());
        String detail = done.outputs().getFirst().statusDetail();
        assertTrue(detail.startsWith("3000 " + job.id() + ": ") && detail.contains("AccessControlListNotSupported"), detail);
    }

    @Test
    void anInputWithoutAudioCompletesWithAWarning() throws Exception {
        String out = c.bucket("warn-out");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("warn").inputBucket(in).outputBucket(out).role(ROLE)
                .notifications(n -> n.warning(events.topicArn).completed(events.topicArn))).pipeline();
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("silent.mp4"))
                .output(o -> o.key("small.mp4").presetId(GENERIC_320))).job();

        JsonNode warning = events.await(job.id(), "WARNING");
        assertEquals(4008, warning.get("errorCode").asInt());
        assertTrue(warning.get("messageDetails").asText().contains("lacks audio"), warning.toString());
        assertEquals("Complete", warning.get("outputs").get(0).get("status").asText());
        events.await(job.id(), "COMPLETED");
        JobOutput output = c.et.readJob(b -> b.id(job.id())).job().outputs().getFirst();
        assertEquals("Complete", output.status());
        assertTrue(output.statusDetail().startsWith("4008 " + job.id() + ": "), output.statusDetail());
        Path file = download(out, "small.mp4");
        assertNull(TestMedia.audioProfile(file));
    }

    @Test
    void heAacWithoutAnHeAacEncoderIsAacLcWithAWarning() throws Exception {
        String out = c.bucket("heaac-out");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("heaac").inputBucket(in).outputBucket(out).role(ROLE)
                .notifications(n -> n.warning(events.topicArn).completed(events.topicArn))).pipeline();
        Preset generic = c.et.readPreset(b -> b.id(GENERIC_320)).preset();
        Preset heAac = c.et.createPreset(b -> b.name("he-aac").container("mp4").video(generic.video()).thumbnails(generic.thumbnails())
                .audio(a -> a.codec("AAC").sampleRate("44100").bitRate("48").channels("2").codecOptions(o -> o.profile("HE-AAC"))))
                .preset();
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("clip.mp4"))
                .output(o -> o.key("he.mp4").presetId(heAac.id()))).job();

        JsonNode warning = events.await(job.id(), "WARNING");
        assertEquals(1000, warning.get("errorCode").asInt());
        assertTrue(warning.get("messageDetails").asText().contains("HE-AAC"), warning.toString());
        events.await(job.id(), "COMPLETED");
        JobOutput output = c.et.readJob(b -> b.id(job.id())).job().outputs().getFirst();
        assertTrue(output.statusDetail().contains("AAC-LC"), output.statusDetail());
        assertEquals("LC", TestMedia.audioProfile(download(out, "he.mp4")));
    }

    @Test
    void s3EncryptionModesAreServerSideEncryptionAndAesModesFailWithoutKms() throws Exception {
        String out = c.bucket("enc-out");
        String kmsKey = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Pipeline pipeline = c.et.createPipeline(b -> b.name("enc").inputBucket(in).outputBucket(out).role(ROLE).awsKmsKeyArn(kmsKey))
                .pipeline();
        String key = "AAECAwQFBgcICQoLDA0ODw==";
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("clip.mp4"))
                .outputs(o -> o.key("kms.mp4").presetId(GENERIC_320).thumbnailPattern("kms-{count}")
                                .encryption(e -> e.mode("s3-aws-kms")).thumbnailEncryption(e -> e.mode("s3")),
                        o -> o.key("aes.mp4").presetId(GENERIC_320)
                                .encryption(e -> e.mode("aes-cbc-pkcs7").key(key).keyMd5("yxhwKfhj8aB3C9bqkKd8XQ==")
                                        .initializationVector(key)))).job();
        Job done = JobNotifications.awaitFinished(c, job.id());

        assertEquals("Complete", done.outputs().get(0).status(), String.valueOf(done.outputs().get(0).statusDetail()));
        var kms = c.s3.headObject(b -> b.bucket(out).key("kms.mp4"));
        assertEquals("aws:kms", kms.serverSideEncryptionAsString());
        assertEquals(kmsKey, kms.ssekmsKeyId());
        assertEquals("AES256", c.s3.headObject(b -> b.bucket(out).key("kms-00001.png")).serverSideEncryptionAsString());
        String aes = done.outputs().get(1).statusDetail();
        assertEquals("Error", done.outputs().get(1).status());
        assertTrue(aes.startsWith("4018 " + job.id() + ": ") && aes.contains("yxhwKfhj8aB3C9bqkKd8XQ=="), aes);
        assertTrue(c.s3.listObjectsV2(b -> b.bucket(out).prefix("aes")).contents().isEmpty());

        Job encryptedInput = c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("clip.mp4").encryption(e -> e.mode("aes-ctr").key(key).keyMd5("yxhwKfhj8aB3C9bqkKd8XQ==")
                        .initializationVector(key)))
                .output(o -> o.key("from-encrypted.mp4").presetId(GENERIC_320))).job();
        Job failed = JobNotifications.awaitFinished(c, encryptedInput.id());
        assertEquals("Error", failed.status());
        assertTrue(failed.outputs().getFirst().statusDetail().startsWith("4018 "), failed.outputs().getFirst().statusDetail());
    }

    @Test
    void aesModesNeedTheirKeyDigestAndInitializationVector() {
        String out = c.bucket("enc-rules");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("enc-rules").inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
        String key = "AAECAwQFBgcICQoLDA0ODw==";
        var missingIv = TranscoderClients.expectError("ValidationException", 400, () -> c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("clip.mp4")).output(o -> o.key("a.mp4").presetId(GENERIC_320)
                        .encryption(e -> e.mode("aes-gcm").key(key).keyMd5(key)))));
        assertTrue(missingIv.getMessage().contains("Outputs:Encryption:InitializationVector is required"), missingIv.getMessage());
        var shortMd5 = TranscoderClients.expectError("ValidationException", 400, () -> c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("clip.mp4").encryption(e -> e.mode("aes-ctr").key(key).keyMd5("AAEC").initializationVector(key)))
                .output(o -> o.key("b.mp4").presetId(GENERIC_320))));
        assertTrue(shortMd5.getMessage().contains("Input:Encryption:KeyMd5 must be exactly 16 bytes"), shortMd5.getMessage());
    }

    private String aclBucket(String prefix) {
        String name = prefix + "-" + System.nanoTime() % 100000;
        c.s3.createBucket(b -> b.bucket(name).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        return name;
    }

    private Set<String> grants(String bucket, String key) {
        return c.s3.getObjectAcl(b -> b.bucket(bucket).key(key)).grants().stream().map(TranscoderOutputsIT::grant)
                .collect(Collectors.toSet());
    }

    private static String grant(Grant g) {
        String who = switch (g.grantee().type()) {
            case CANONICAL_USER -> g.grantee().id();
            case GROUP -> g.grantee().uri();
            default -> g.grantee().emailAddress();
        };
        return g.grantee().typeAsString() + " " + who + " " + g.permissionAsString();
    }

    private Path download(String bucket, String key) throws Exception {
        Path file = dir.resolve(bucket + "-" + key.replace('/', '_'));
        Files.write(file, c.s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        return file;
    }
}
