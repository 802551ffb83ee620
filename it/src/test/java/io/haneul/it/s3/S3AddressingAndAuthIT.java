package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.haneul.it.s3.S3Clients.expectError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Addressing and authentication in strict mode: virtual-hosted ({@code <bucket>.s3.localhost},
 * {@code <bucket>.localhost}) and path-style requests signed with SigV4 (headers, signed aws-chunked
 * bodies with and without checksum trailers, presigned GET and PUT URLs with expiry).
 */
class S3AddressingAndAuthIT {

    static final S3Clients.MovableClock CLOCK = new S3Clients.MovableClock();
    static final String KEY = "AKIAHANEULS3TEST0001";
    static final String SECRET = "s3-strict-secret";
    static TestServer server;
    static Path credentials;

    @BeforeAll
    static void start() throws Exception {
        credentials = Files.createTempFile("haneul-s3-creds", ".txt");
        Files.writeString(credentials, KEY + " " + SECRET + " " + S3Clients.ACCOUNT_A + "\n");
        server = TestServer.start(CLOCK, "--auth", "strict", "--credentials", credentials.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(credentials);
    }

    /** A client whose every host name resolves to this machine, so virtual-hosted names reach the server. */
    static S3Client client(String endpointHost, boolean pathStyle, String secret, RequestChecksumCalculation checksums) {
        return S3Client.builder().endpointOverride(URI.create("http://" + endpointHost + ":" + server.port()))
                .region(Region.US_EAST_1).forcePathStyle(pathStyle).requestChecksumCalculation(checksums)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}))
                .build();
    }

    static void roundTrip(S3Client s3, String bucket) {
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(r -> r.bucket(bucket).key("dir/obj one"), RequestBody.fromString("virtual"));
        assertEquals("virtual", s3.getObjectAsBytes(r -> r.bucket(bucket).key("dir/obj one")).asUtf8String());
        assertEquals(List.of("dir/obj one"), s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList());
        s3.deleteObject(r -> r.bucket(bucket).key("dir/obj one"));
        s3.deleteBucket(r -> r.bucket(bucket));
    }

    @Test
    void virtualHostedS3LocalhostSigned() {
        try (S3Client s3 = client("s3.localhost", false, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED)) {
            roundTrip(s3, S3Clients.bucket("vhost"));
        }
    }

    @Test
    void virtualHostedBucketDotLocalhostSigned() {
        try (S3Client s3 = client("localhost", false, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED)) {
            roundTrip(s3, S3Clients.bucket("bare"));
        }
    }

    @Test
    void pathStyleSignedChunkedWithEachTrailerAndWithout() {
        String b = S3Clients.bucket("chunk");
        try (S3Client s3 = client("127.0.0.1", true, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED);
             S3Client plain = client("127.0.0.1", true, SECRET, RequestChecksumCalculation.WHEN_REQUIRED)) {
            s3.createBucket(r -> r.bucket(b));
            byte[] data = new byte[300_000];
            new java.util.Random(5).nextBytes(data);
            for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1,
                    ChecksumAlgorithm.SHA256)) {
                s3.putObject(r -> r.bucket(b).key(a.toString()).checksumAlgorithm(a), RequestBody.fromBytes(data));
                assertArrayEquals(data, s3.getObjectAsBytes(r -> r.bucket(b).key(a.toString())).asByteArray());
            }
            plain.putObject(r -> r.bucket(b).key("no-trailer"), RequestBody.fromBytes(data));
            assertArrayEquals(data, plain.getObjectAsBytes(r -> r.bucket(b).key("no-trailer")).asByteArray());
        }
    }

    @Test
    void aBodyThatDiffersFromItsSignedSha256IsRefused() throws Exception {
        String b = S3Clients.bucket("sha");
        try (S3Client s3 = client("127.0.0.1", true, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED)) {
            s3.createBucket(r -> r.bucket(b));
        }
        Path script = Files.createTempFile("haneul-s3-sha", ".py");
        Files.writeString(script, """
                import hashlib, http.client, sys
                import botocore.auth, botocore.awsrequest, botocore.credentials
                port, bucket, key, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
                creds = botocore.credentials.Credentials(key, secret)
                def put(path, signed_body, sent_body):
                    host = "127.0.0.1:%d" % port
                    req = botocore.awsrequest.AWSRequest(method="PUT", url="http://" + host + path, data=signed_body)
                    req.headers["x-amz-content-sha256"] = hashlib.sha256(signed_body).hexdigest()
                    botocore.auth.S3SigV4Auth(creds, "s3", "us-east-1").add_auth(req)
                    headers = dict(req.headers); headers["Host"] = host
                    c = http.client.HTTPConnection("127.0.0.1", port)
                    c.request("PUT", path, body=sent_body, headers=headers)
                    r = c.getresponse()
                    return "%d %s" % (r.status, r.read().decode())
                print(put("/%s/good" % bucket, b"signed body", b"signed body"))
                print(put("/%s/bad" % bucket, b"signed body", b"other body!"))
                """);
        io.haneul.it.support.Processes.Result r = io.haneul.it.support.Processes.run(List.of(io.haneul.it.support.Processes.pythonWithBoto3(script.getParent()).orElse("python3"), script.toString(),
                Integer.toString(server.port()), b, KEY, SECRET), KEY, SECRET, script.getParent(), 60);
        Files.deleteIfExists(script);
        String[] lines = r.stdout().strip().split("\n");
        assertTrue(lines[0].startsWith("200"), r::toString);
        assertTrue(lines[1].startsWith("400") && lines[1].contains("<Code>XAmzContentSHA256Mismatch</Code>"), r::toString);
        try (S3Client s3 = client("127.0.0.1", true, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED)) {
            expectError("NoSuchKey", 404, () -> s3.headObject(x -> x.bucket(b).key("bad")));
            assertEquals("signed body", s3.getObjectAsBytes(x -> x.bucket(b).key("good")).asUtf8String());
        }
    }

    @Test
    void wrongSecretIsRefused() {
        try (S3Client s3 = client("127.0.0.1", true, "not-the-secret", RequestChecksumCalculation.WHEN_SUPPORTED)) {
            expectError("SignatureDoesNotMatch", 403, () -> s3.listBuckets());
        }
        RawHttp.Response anonymous = RawHttp.send(server.port(), "GET", "/", Map.of(), (byte[]) null);
        assertEquals(403, anonymous.status(), anonymous::toString);
    }

    @Test
    void presignedGetAndPutWithExpiry() throws Exception {
        String b = S3Clients.bucket("presign");
        try (S3Client s3 = client("127.0.0.1", true, SECRET, RequestChecksumCalculation.WHEN_SUPPORTED);
             S3Presigner presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build();
             HttpClient http = HttpClient.newHttpClient()) {
            s3.createBucket(r -> r.bucket(b));
            PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(b).key("up.txt").contentType("text/plain")));
            HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(put.url().toURI()).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("presigned body")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, uploaded.statusCode(), uploaded.body());

            PresignedGetObjectRequest get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(b).key("up.txt")));
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, got.statusCode(), got.body());
            assertEquals("presigned body", got.body());
            assertEquals("text/plain", got.headers().firstValue("Content-Type").orElseThrow());

            CLOCK.advance(Duration.ofMinutes(6));
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode(), expired.body());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired.body());
            assertTrue(expired.body().contains("expired"), expired.body());
        }
    }
}
