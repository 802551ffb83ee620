package io.haneul.it.transcoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.JavaHttp;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Elastic Transcoder through boto3's {@code elastictranscoder} client: botocore dropped the service's
 * model after AWS ended it, so the test hands botocore the 2012-09-25 model Haneul serves (through
 * {@code AWS_DATA_PATH}, as users of old scripts can). A pipeline, the system presets by paginator, a
 * custom preset, a real job awaited with the model's {@code job_complete} waiter, and AWS's error codes;
 * the client-side AES round trip of AWS's encryption tutorial.
 */
class TranscoderBoto3IT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void pipelinePresetsAndJobThroughBoto3() throws Exception {
        botocoreModels();
        Path clip = TestMedia.clip(work, 2);
        Path script = work.resolve("et_test.py");
        Files.writeString(script, """
                import json, os, sys
                os.environ["AWS_DATA_PATH"] = sys.argv[2]
                import boto3
                endpoint, clip = sys.argv[1], sys.argv[3]
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                et = boto3.client("elastictranscoder", endpoint_url=endpoint, region_name="us-east-1")
                s3.create_bucket(Bucket="boto-in"); s3.create_bucket(Bucket="boto-out")
                s3.upload_file(clip, "boto-in", "clip.mp4")
                p = et.create_pipeline(Name="boto", InputBucket="boto-in", OutputBucket="boto-out",
                                       Role="arn:aws:iam::111111111111:role/Elastic_Transcoder_Default_Role")["Pipeline"]
                custom = et.create_preset(Name="boto mp3", Container="mp3",
                                          Audio={"Codec": "mp3", "SampleRate": "44100", "BitRate": "128", "Channels": "2"})["Preset"]
                presets = [x for page in et.get_paginator("list_presets").paginate() for x in page["Presets"]]
                job = et.create_job(PipelineId=p["Id"], Input={"Key": "clip.mp4"}, OutputKeyPrefix="boto/",
                                    Outputs=[{"Key": "clip.mp3", "PresetId": custom["Id"]}])["Job"]
                et.get_waiter("job_complete").wait(Id=job["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                done = et.read_job(Id=job["Id"])["Job"]
                head = s3.head_object(Bucket="boto-out", Key="boto/clip.mp3")
                errors = {}
                try:
                    et.delete_preset(Id="1351620000001-000010")
                except et.exceptions.AccessDeniedException as e:
                    errors["system"] = e.response["Error"]["Code"]
                try:
                    et.create_preset(Name="bad", Container="webm", Video={"Codec": "H.264"})
                except et.exceptions.ValidationException as e:
                    errors["codec"] = e.response["Error"]["Message"]
                try:
                    et.read_pipeline(Id="1111111111111-abcde1")
                except et.exceptions.ResourceNotFoundException as e:
                    errors["missing"] = e.response["Error"]["Code"]
                print(json.dumps({"pipeline": p["Status"], "presets": len(presets),
                                  "system": sum(1 for x in presets if x["Type"] == "System"), "custom": custom["Type"],
                                  "job": done["Status"], "output": done["Outputs"][0]["Status"],
                                  "duration": done["Outputs"][0].get("Duration"), "size": head["ContentLength"], "errors": errors}))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.resolve("models").toString(),
                clip.toString()), TranscoderClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("Active", out.get("pipeline").asText());
        assertEquals(63, out.get("presets").asInt());
        assertEquals(62, out.get("system").asInt());
        assertEquals("Custom", out.get("custom").asText());
        assertEquals("Complete", out.get("job").asText());
        assertEquals("Complete", out.get("output").asText());
        assertEquals(2, out.get("duration").asInt());
        assertTrue(out.get("size").asLong() > 0);
        assertEquals("AccessDeniedException", out.get("errors").get("system").asText());
        assertTrue(out.get("errors").get("codec").asText().contains("Video:Codec"), out.toString());
        assertEquals("ResourceNotFoundException", out.get("errors").get("missing").asText());
    }

    /**
     * TestRole, which the SDK for Java no longer carries and Haneul answers on documents: a role that
     * trusts Elastic Transcoder with existing buckets and topic succeeds; an untrusted role, a missing
     * bucket and a missing topic each give a message; a missing parameter is a ValidationException.
     */
    @Test
    void testRoleThroughBoto3() throws Exception {
        botocoreModels();
        Path script = work.resolve("et_role.py");
        Files.writeString(script, """
                import json, os, sys
                os.environ["AWS_DATA_PATH"] = sys.argv[2]
                import boto3, botocore, botocore.config
                endpoint = sys.argv[1]
                kw = dict(endpoint_url=endpoint, region_name="us-east-1")
                s3, et, iam, sns = (boto3.client(n, **kw) for n in ("s3", "elastictranscoder", "iam", "sns"))
                s3.create_bucket(Bucket="role-in"); s3.create_bucket(Bucket="role-out")
                topic = sns.create_topic(Name="role-topic")["TopicArn"]
                def trust(service):
                    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
                good = iam.create_role(RoleName="et-role", AssumeRolePolicyDocument=trust("elastictranscoder.amazonaws.com"))["Role"]["Arn"]
                other = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=trust("lambda.amazonaws.com"))["Role"]["Arn"]
                ok = et.test_role(Role=good, InputBucket="role-in", OutputBucket="role-out", Topics=[topic])
                bad = et.test_role(Role=other, InputBucket="role-in", OutputBucket="no-such-bucket",
                                   Topics=[topic.replace("role-topic", "no-topic")])
                # a required member missing on the wire: boto3 checks it first unless told not to
                lax = boto3.client("elastictranscoder", config=botocore.config.Config(parameter_validation=False), **kw)
                try:
                    lax.test_role(InputBucket="role-in", OutputBucket="role-out", Topics=[])
                    missing = "no error"
                except botocore.exceptions.ClientError as e:
                    missing = e.response["Error"]["Code"]
                print(json.dumps({"ok": {k: ok[k] for k in ("Success", "Messages") if k in ok},
                                  "bad": {k: bad[k] for k in ("Success", "Messages") if k in bad}, "missing": missing}))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.resolve("models").toString()),
                TranscoderClients.ACCOUNT, "secret", work, 120);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("true", out.get("ok").get("Success").asText(), out.toString());
        assertEquals(0, out.get("ok").get("Messages").size(), out.toString());
        assertEquals("false", out.get("bad").get("Success").asText(), out.toString());
        String messages = out.get("bad").get("Messages").toString();
        assertEquals(3, out.get("bad").get("Messages").size(), messages);
        assertTrue(messages.contains("does not allow elastictranscoder.amazonaws.com"), messages);
        assertTrue(messages.contains("bucket=no-such-bucket"), messages);
        assertTrue(messages.contains("no-topic"), messages);

        assertEquals("ValidationException", out.get("missing").asText(), out.toString());
    }

    /**
     * The pipeline's ContentConfig and ThumbnailConfig StorageClass given to what a job writes: the media file
     * and the HLS playlist and segments in the content bucket are REDUCED_REDUNDANCY, the thumbnails in the
     * thumbnail bucket STANDARD (which S3's HeadObject leaves out); UpdatePipeline's new class applies to the
     * next job's thumbnails.
     */
    @Test
    void storageClassesOfContentAndThumbnailsThroughBoto3() throws Exception {
        botocoreModels();
        Path clip = TestMedia.clip(work, 2);
        Path script = work.resolve("et_storage.py");
        Files.writeString(script, """
                import json, os, sys
                os.environ["AWS_DATA_PATH"] = sys.argv[2]
                import boto3
                endpoint, clip = sys.argv[1], sys.argv[3]
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                et = boto3.client("elastictranscoder", endpoint_url=endpoint, region_name="us-east-1")
                for b in ("sc-in", "sc-content", "sc-thumbs"):
                    s3.create_bucket(Bucket=b)
                s3.upload_file(clip, "sc-in", "clip.mp4")
                p = et.create_pipeline(Name="classes", InputBucket="sc-in",
                                       Role="arn:aws:iam::111111111111:role/Elastic_Transcoder_Default_Role",
                                       ContentConfig={"Bucket": "sc-content", "StorageClass": "ReducedRedundancy"},
                                       ThumbnailConfig={"Bucket": "sc-thumbs", "StorageClass": "Standard"})["Pipeline"]
                def run(prefix):
                    job = et.create_job(PipelineId=p["Id"], Input={"Key": "clip.mp4"}, OutputKeyPrefix=prefix,
                                        Outputs=[{"Key": "clip.mp4", "PresetId": "1351620000001-000061",
                                                  "ThumbnailPattern": "thumbs/clip-{count}"},
                                                 {"Key": "hls/clip", "PresetId": "1351620000001-200050",
                                                  "SegmentDuration": "1"}])["Job"]
                    et.get_waiter("job_complete").wait(Id=job["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                    def cls(bucket, key):
                        return s3.head_object(Bucket=bucket, Key=prefix + key).get("StorageClass", "STANDARD")
                    return {"media": cls("sc-content", "clip.mp4"), "playlist": cls("sc-content", "hls/clip.m3u8"),
                            "segment": cls("sc-content", "hls/clip00000.ts"), "thumbnail": cls("sc-thumbs", "thumbs/clip-00001.png")}
                first = run("one/")
                read = et.read_pipeline(Id=p["Id"])["Pipeline"]
                et.update_pipeline(Id=p["Id"], ThumbnailConfig={"Bucket": "sc-thumbs", "StorageClass": "ReducedRedundancy"})
                second = run("two/")
                print(json.dumps({"pipeline": p["Id"], "first": first, "second": second, "content": read["ContentConfig"].get("StorageClass"),
                                  "thumbnails": read["ThumbnailConfig"].get("StorageClass")}))
                """);
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.resolve("models").toString(),
                clip.toString()), TranscoderClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("ReducedRedundancy", out.get("content").asText(), out.toString());
        assertEquals("Standard", out.get("thumbnails").asText(), out.toString());
        JsonNode first = out.get("first");
        assertEquals("REDUCED_REDUNDANCY", first.get("media").asText(), out.toString());
        assertEquals("REDUCED_REDUNDANCY", first.get("playlist").asText(), out.toString());
        assertEquals("REDUCED_REDUNDANCY", first.get("segment").asText(), out.toString());
        assertEquals("STANDARD", first.get("thumbnail").asText(), out.toString());
        assertEquals("REDUCED_REDUNDANCY", out.get("second").get("thumbnail").asText(), out.toString());
        assertEquals("REDUCED_REDUNDANCY", out.get("second").get("media").asText(), out.toString());

        // a job that made thumbnails ends at 100% once Complete (the engine alone never says 100)
        JsonNode jobs = JSON.readTree(JavaHttp.text(JavaHttp.get(URI.create(server.endpoint() + "/_haneul/transcoder/jobs"))));
        int complete = 0;
        for (JsonNode j : jobs.get("jobs")) {
            if (j.get("pipelineId").asText().equals(out.get("pipeline").asText())) {
                assertEquals("Complete", j.get("status").asText(), j.toString());
                assertEquals(100, j.get("progress").asInt(), j.toString());
                complete++;
            }
        }
        assertEquals(2, complete, jobs.toString());
    }

    /**
     * AWS's client-side encryption tutorial through boto3: the input encrypted with AES-CBC-PKCS7 (a 128-bit
     * key, by the test), uploaded, transcoded with its Key, KeyMd5 and InitializationVector, into an output
     * encrypted with the same key; the test decrypts the output and ffprobe reads H.264 at the preset's size.
     * A KeyMd5 that is not the key's is refused with AWS's ValidationException text.
     */
    @Test
    void clientSideAesRoundTripThroughBoto3() throws Exception {
        botocoreModels();
        byte[] key = "keykeykeykeykeyk".getBytes(StandardCharsets.US_ASCII);
        byte[] iv = "1234567890123456".getBytes(StandardCharsets.US_ASCII);
        Path sealed = work.resolve("sealed.mp4");
        Files.write(sealed, ClientSideAes.apply("aes-cbc-pkcs7", Cipher.ENCRYPT_MODE, key, iv,
                Files.readAllBytes(TestMedia.clip(work, 2))));
        Path output = work.resolve("output.enc");
        Path script = work.resolve("et_aes.py");
        Files.writeString(script, """
                import json, os, sys
                os.environ["AWS_DATA_PATH"] = sys.argv[2]
                import boto3
                endpoint, sealed, key, md5, iv, output = sys.argv[1], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
                et = boto3.client("elastictranscoder", endpoint_url=endpoint, region_name="us-east-1")
                s3.create_bucket(Bucket="aes-in"); s3.create_bucket(Bucket="aes-out")
                s3.upload_file(sealed, "aes-in", "sealed.mp4")
                p = et.create_pipeline(Name="aes", InputBucket="aes-in", OutputBucket="aes-out",
                                       Role="arn:aws:iam::111111111111:role/Elastic_Transcoder_Default_Role")["Pipeline"]
                aes = {"Mode": "aes-cbc-pkcs7", "Key": key, "KeyMd5": md5, "InitializationVector": iv}
                job = et.create_job(PipelineId=p["Id"], Input={"Key": "sealed.mp4", "Encryption": aes},
                                    Outputs=[{"Key": "clip.mp4", "PresetId": "1351620000001-000061", "Encryption": aes}])["Job"]
                et.get_waiter("job_complete").wait(Id=job["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 300})
                s3.download_file("aes-out", "clip.mp4", output)
                done = et.read_job(Id=job["Id"])["Job"]
                error = None
                try:
                    et.create_job(PipelineId=p["Id"], Input={"Key": "sealed.mp4", "Encryption": dict(aes, KeyMd5=iv)},
                                  Outputs=[{"Key": "other.mp4", "PresetId": "1351620000001-000061"}])
                except et.exceptions.ValidationException as e:
                    error = e.response["Error"]["Message"]
                print(json.dumps({"job": done["Status"], "width": done["Outputs"][0].get("Width"), "error": error}))
                """);
        String b64 = "a2V5a2V5a2V5a2V5a2V5aw=="; // base64 of keykeykeykeykeyk, as the tutorial's echo -n | base64
        String python = Processes.pythonWithBoto3(work).orElseThrow(() -> new AssertionError("no python3 with boto3 on this machine"));
        Processes.Result r = Processes.run(List.of(python, script.toString(), server.endpoint().toString(), work.resolve("models").toString(),
                sealed.toString(), b64, ClientSideAes.md5(key), Base64.getEncoder().encodeToString(iv), output.toString()),
                TranscoderClients.ACCOUNT, "secret", work, 300);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        assertEquals("Complete", out.get("job").asText(), out.toString());
        Path clear = work.resolve("clear.mp4");
        Files.write(clear, ClientSideAes.apply("aes-cbc-pkcs7", Cipher.DECRYPT_MODE, key, iv, Files.readAllBytes(output)));
        assertEquals("h264 " + out.get("width").asInt() + "x240", TestMedia.videoStream(clear));
        assertEquals("Amazon Elastic Transcoder was unable to decrypt the ciphered key with MD5="
                + Base64.getEncoder().encodeToString(iv), out.get("error").asText());
    }

    /** The 2012-09-25 model, waiters and paginators where {@code AWS_DATA_PATH=<work>/models} finds them. */
    private void botocoreModels() throws Exception {
        Path models = work.resolve("models/elastictranscoder/2012-09-25");
        Files.createDirectories(models);
        copy("/aws-models/elastictranscoder-2012-09-25.json", models.resolve("service-2.json"));
        copy("/aws-models/elastictranscoder-2012-09-25.waiters.json", models.resolve("waiters-2.json"));
        copy("/aws-models/elastictranscoder-2012-09-25.paginators.json", models.resolve("paginators-1.json"));
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = TranscoderBoto3IT.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
