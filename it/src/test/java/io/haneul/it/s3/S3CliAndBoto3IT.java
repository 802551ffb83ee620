package io.haneul.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.it.support.Processes;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * S3 through clients outside the JVM: the AWS CLI v1 on PATH ({@code aws s3 mb/cp/sync/ls/rm}, with
 * multipart uploads above 8 MiB) and boto3 (flexible checksums that need no CRT, presigned URLs,
 * paginators).
 */
class S3CliAndBoto3IT {

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

    private Processes.Result aws(Path cli, String... args) {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "--endpoint-url", server.endpoint().toString()));
        command.addAll(List.of(args));
        return Processes.run(command, "test", "test", work, 180);
    }

    @Test
    void awsCliCopySyncList() throws Exception {
        Path cli = Processes.onPath("aws", "aws-cli/1.", work).orElse(null);
        assumeTrue(cli != null, "AWS CLI v1 not on PATH");
        String b = S3Clients.bucket("cli");
        assertEquals(0, aws(cli, "s3", "mb", "s3://" + b).exitCode());
        Path src = Files.createDirectories(work.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "alpha");
        Files.writeString(src.getParent().resolve("b.txt"), "beta");
        byte[] big = new byte[20 * 1024 * 1024 + 123];
        new Random(3).nextBytes(big);
        Files.write(src.getParent().resolve("big.bin"), big);
        Processes.Result sync = aws(cli, "s3", "sync", src.getParent().toString(), "s3://" + b + "/tree/", "--no-progress");
        assertEquals(0, sync.exitCode(), sync::toString);
        Processes.Result ls = aws(cli, "s3", "ls", "s3://" + b + "/tree/", "--recursive");
        assertEquals(0, ls.exitCode(), ls::toString);
        assertTrue(ls.stdout().contains("tree/sub/a.txt") && ls.stdout().contains("tree/b.txt") && ls.stdout().contains("tree/big.bin"),
                ls::toString);
        Processes.Result top = aws(cli, "s3", "ls", "s3://" + b + "/tree/");
        assertTrue(top.stdout().contains("PRE sub/"), top::toString);
        Processes.Result again = aws(cli, "s3", "sync", src.getParent().toString(), "s3://" + b + "/tree/", "--no-progress");
        assertEquals("", again.stdout().strip(), "a second sync finds nothing to copy");
        Path back = work.resolve("back");
        Processes.Result down = aws(cli, "s3", "sync", "s3://" + b + "/tree/", back.toString(), "--no-progress");
        assertEquals(0, down.exitCode(), down::toString);
        assertArrayEquals(big, Files.readAllBytes(back.resolve("big.bin")));
        assertEquals("alpha", Files.readString(back.resolve("sub/a.txt")));
        Processes.Result head = aws(cli, "s3api", "head-object", "--bucket", b, "--key", "tree/big.bin");
        assertTrue(JSON.readTree(head.stdout()).path("ETag").asText().endsWith("-3\""), head::toString);
        assertEquals(0, aws(cli, "s3", "cp", "s3://" + b + "/tree/b.txt", "s3://" + b + "/copied.txt").exitCode());
        assertEquals(0, aws(cli, "s3", "rm", "s3://" + b, "--recursive").exitCode());
        assertEquals(0, aws(cli, "s3", "rb", "s3://" + b).exitCode());
    }

    @Test
    void boto3() throws Exception {
        Path file = work.resolve("s3_test.py");
        Files.writeString(file, """
                import json, sys, uuid, urllib.request
                import boto3
                ep = sys.argv[1]
                s3 = boto3.client("s3", endpoint_url=ep)
                b = "boto-" + uuid.uuid4().hex[:8]
                s3.create_bucket(Bucket=b)
                out = {}
                for alg in ["CRC32", "SHA1", "SHA256"]:
                    r = s3.put_object(Bucket=b, Key="k-" + alg, Body=b"boto body", ChecksumAlgorithm=alg)
                    h = s3.head_object(Bucket=b, Key="k-" + alg, ChecksumMode="ENABLED")
                    out[alg] = r.get("Checksum" + alg) is not None and r.get("Checksum" + alg) == h.get("Checksum" + alg)
                    out[alg + "-get"] = s3.get_object(Bucket=b, Key="k-" + alg, ChecksumMode="ENABLED")["Body"].read().decode()
                for i in range(7):
                    s3.put_object(Bucket=b, Key="p/%02d" % i, Body=b"x")
                pages = s3.get_paginator("list_objects_v2").paginate(Bucket=b, Prefix="p/", PaginationConfig={"PageSize": 3})
                out["keys"] = [o["Key"] for p in pages for o in p.get("Contents", [])]
                url = s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "p/01"}, ExpiresIn=60)
                out["presigned"] = urllib.request.urlopen(url).read().decode()
                try:
                    s3.get_object(Bucket=b, Key="missing")
                except s3.exceptions.NoSuchKey as e:
                    out["nosuchkey"] = e.response["Error"].get("Key")
                s3.put_object_tagging(Bucket=b, Key="p/00", Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
                out["tags"] = s3.get_object_tagging(Bucket=b, Key="p/00")["TagSet"]
                s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
                    {"ID": "logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 3}}]})
                out["lifecycle"] = s3.get_bucket_lifecycle_configuration(Bucket=b)["Rules"][0]["Expiration"]["Days"]
                out["sse"] = s3.get_bucket_encryption(Bucket=b)["ServerSideEncryptionConfiguration"]["Rules"][0][
                    "ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
                try:
                    s3.get_bucket_website(Bucket=b)
                except s3.exceptions.ClientError as e:
                    out["website"] = e.response["Error"]["Code"]
                print(json.dumps(out))
                """);
        Processes.Result r = Processes.run(List.of(Processes.pythonWithBoto3(work).orElse("python3"), file.toString(), server.endpoint().toString()), "test", "test", work, 180);
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode out = JSON.readTree(r.stdout());
        for (String alg : List.of("CRC32", "SHA1", "SHA256")) {
            assertTrue(out.path(alg).asBoolean(), () -> alg + " " + out);
            assertEquals("boto body", out.path(alg + "-get").asText());
        }
        assertEquals(7, out.path("keys").size(), out::toString);
        assertEquals("x", out.path("presigned").asText());
        assertEquals("missing", out.path("nosuchkey").asText());
        assertEquals("b", out.path("tags").path(0).path("Value").asText());
        assertEquals(3, out.path("lifecycle").asInt(), out::toString);
        assertEquals("AES256", out.path("sse").asText(), out::toString);
        assertEquals("NoSuchWebsiteConfiguration", out.path("website").asText(), out::toString);
    }
}
