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

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
 * Encryption modes s3 and s3-aws-kms as S3 server-side encryption (read back with HeadObject), the aes-*
 * modes as the job's own decryption of the input and encryption of outputs and thumbnails (given or generated
 * keys), and CreateJob's checks of their members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscoderOutputsIT {

    static final String GENERIC_320 = "1351620000001-000061";
    static final Base64.Encoder B64 = Base64.getEncoder();
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
    void s3EncryptionModesAreServerSideEncryption() throws Exception {
        String out = c.bucket("enc-out");
        String kmsKey = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Pipeline pipeline = c.et.createPipeline(b -> b.name("enc").inputBucket(in).outputBucket(out).role(ROLE).awsKmsKeyArn(kmsKey))
                .pipeline();
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id()).input(i -> i.key("clip.mp4"))
                .outputs(o -> o.key("kms.mp4").presetId(GENERIC_320).thumbnailPattern("kms-{count}")
                        .encryption(e -> e.mode("s3-aws-kms")).thumbnailEncryption(e -> e.mode("s3")))).job();
        Job done = JobNotifications.awaitFinished(c, job.id());

        assertEquals("Complete", done.outputs().get(0).status(), String.valueOf(done.outputs().get(0).statusDetail()));
        var kms = c.s3.headObject(b -> b.bucket(out).key("kms.mp4"));
        assertEquals("aws:kms", kms.serverSideEncryptionAsString());
        assertEquals(kmsKey, kms.ssekmsKeyId());
        assertEquals("AES256", c.s3.headObject(b -> b.bucket(out).key("kms-00001.png")).serverSideEncryptionAsString());
    }

    /**
     * The client-side AES round trip: an input the test encrypted with AES-CBC-PKCS7 is decrypted with the job's
     * Key and InitializationVector; one output is encrypted with a given key (aes-cbc-pkcs7), another with a key
     * Elastic Transcoder generates (aes-ctr) and reports with its KeyMd5 and vector in ReadJob, its thumbnails
     * with aes-gcm; the test decrypts each with javax.crypto and ffprobe reads the media.
     */
    @Test
    void aesEncryptedInputIsDecryptedAndAesOutputsAreEncryptedWithTheirKeys() throws Exception {
        String out = c.bucket("aes-out");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("aes").inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
        byte[] key = "keykeykeykeykeyk".getBytes(StandardCharsets.US_ASCII);
        byte[] iv = "1234567890123456".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = Files.readAllBytes(TestMedia.clip(dir, 2));
        c.s3.putObject(b -> b.bucket(in).key("sealed.mp4"), RequestBody.fromBytes(ClientSideAes.apply("aes-cbc-pkcs7",
                Cipher.ENCRYPT_MODE, key, iv, plain)));
        String b64Key = B64.encodeToString(key);
        String md5 = ClientSideAes.md5(key);
        String b64Iv = B64.encodeToString(iv);
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("sealed.mp4").encryption(e -> e.mode("aes-cbc-pkcs7").key(b64Key).keyMd5(md5).initializationVector(b64Iv)))
                .outputs(o -> o.key("given.mp4").presetId(GENERIC_320)
                                .encryption(e -> e.mode("aes-cbc-pkcs7").key(b64Key).keyMd5(md5).initializationVector(b64Iv)),
                        o -> o.key("generated.mp4").presetId(GENERIC_320).thumbnailPattern("gen-{count}")
                                .encryption(e -> e.mode("aes-ctr")).thumbnailEncryption(e -> e.mode("aes-gcm")))).job();
        assertNull(job.outputs().get(1).encryption().key(), "the generated key is not in CreateJob's answer");
        Job done = JobNotifications.awaitFinished(c, job.id());
        assertEquals("Complete", done.status(), done.outputs().toString());
        assertEquals(320, done.input().detectedProperties().width());

        Path given = dir.resolve("given.mp4");
        Files.write(given, ClientSideAes.apply("aes-cbc-pkcs7", Cipher.DECRYPT_MODE, key, iv, bytes(out, "given.mp4")));
        assertEquals("h264 320x240", TestMedia.videoStream(given));

        var generated = c.et.readJob(b -> b.id(job.id())).job().outputs().get(1);
        byte[] genKey = Base64.getDecoder().decode(generated.encryption().key());
        byte[] genIv = Base64.getDecoder().decode(generated.encryption().initializationVector());
        assertEquals(16, genKey.length);
        assertEquals(ClientSideAes.md5(genKey), generated.encryption().keyMd5());
        Path media = dir.resolve("generated.mp4");
        Files.write(media, ClientSideAes.apply("aes-ctr", Cipher.DECRYPT_MODE, genKey, genIv, bytes(out, "generated.mp4")));
        assertEquals("h264 320x240", TestMedia.videoStream(media));
        assertEquals(generated.durationMillis().longValue(), Math.round(TestMedia.seconds(media) * 1000));

        byte[] thumbKey = Base64.getDecoder().decode(generated.thumbnailEncryption().key());
        byte[] thumbIv = Base64.getDecoder().decode(generated.thumbnailEncryption().initializationVector());
        byte[] png = ClientSideAes.apply("aes-gcm", Cipher.DECRYPT_MODE, thumbKey, thumbIv, bytes(out, "gen-00001.png"));
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void anAesInputThatDoesNotDecryptFailsTheJob() throws Exception {
        String out = c.bucket("aes-bad");
        Pipeline pipeline = c.et.createPipeline(b -> b.name("aes-bad").inputBucket(in).outputBucket(out).role(ROLE)).pipeline();
        byte[] key = new byte[16];
        String md5 = ClientSideAes.md5(key);
        // clip.mp4 is not encrypted: GCM's tag check fails at its end
        Job job = c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("clip.mp4").encryption(e -> e.mode("aes-gcm").key(B64.encodeToString(key)).keyMd5(md5)
                        .initializationVector(B64.encodeToString(new byte[16]))))
                .output(o -> o.key("never.mp4").presetId(GENERIC_320))).job();
        Job failed = JobNotifications.awaitFinished(c, job.id());
        assertEquals("Error", failed.status());
        String detail = failed.outputs().getFirst().statusDetail();
        assertTrue(detail.startsWith("4000 " + job.id() + ": ") && detail.contains("could not be decrypted"), detail);
    }

    @Test
    void aesModesNeedTheirKeyDigestAndInitializationVector() throws Exception {
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
        String otherMd5 = ClientSideAes.md5(new byte[16]);
        var badMd5 = TranscoderClients.expectError("ValidationException", 400, () -> c.et.createJob(b -> b.pipelineId(pipeline.id())
                .input(i -> i.key("clip.mp4")).output(o -> o.key("c.mp4").presetId(GENERIC_320)
                        .encryption(e -> e.mode("aes-cbc-pkcs7").key(key).keyMd5(otherMd5).initializationVector(key)))));
        assertEquals("Amazon Elastic Transcoder was unable to decrypt the ciphered key with MD5=" + otherMd5,
                badMd5.awsErrorDetails().errorMessage());
    }

    private byte[] bytes(String bucket, String key) {
        return c.s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
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
