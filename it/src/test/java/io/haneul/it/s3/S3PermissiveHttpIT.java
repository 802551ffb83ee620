package io.haneul.it.s3;

import io.haneul.it.support.RawHttp;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Permissive mode at the HTTP level: unsigned path-style and virtual-hosted requests, S3's error
 * documents, 304 without a body, presigned URL expiry, and bodies larger than --max-body-bytes
 * streaming through (the S3 path never buffers an object).
 */
class S3PermissiveHttpIT {

    static final S3Clients.MovableClock CLOCK = new S3Clients.MovableClock();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(CLOCK, "--max-body-bytes", "1048576");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static RawHttp.Response send(String method, String target, Map<String, String> headers, String body) {
        return RawHttp.send(server.port(), method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unsignedPathStyleAndVirtualHosted() {
        String b = S3Clients.bucket("anon");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        RawHttp.Response put = send("PUT", "/" + b + "/hello%20world.txt", Map.of("Content-Type", "text/plain",
                "x-amz-meta-who", "curl"), "hi there");
        assertEquals(200, put.status(), put::toString);
        assertEquals("\"" + md5("hi there") + "\"", put.header("ETag"));

        RawHttp.Response viaHost = send("GET", "/hello%20world.txt", Map.of("Host", b + ".s3.localhost:" + server.port()), null);
        assertEquals(200, viaHost.status(), viaHost::toString);
        assertEquals("hi there", viaHost.text());
        assertEquals("curl", viaHost.header("x-amz-meta-who"));
        RawHttp.Response viaBare = send("GET", "/hello%20world.txt", Map.of("Host", b + ".localhost:" + server.port()), null);
        assertEquals("hi there", viaBare.text());
        RawHttp.Response list = send("GET", "/?list-type=2", Map.of("Host", b + ".s3.us-east-1.localhost"), null);
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.text().contains("<Key>hello world.txt</Key>"), list::toString);
        assertTrue(list.text().startsWith("<?xml"), list::toString);
        assertTrue(list.text().contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), list::toString);
        RawHttp.Response encoded = send("GET", "/" + b + "?list-type=2&encoding-type=url", Map.of(), null);
        assertTrue(encoded.text().contains("<Key>hello+world.txt</Key>"), encoded::toString);

        HttpResponse<byte[]> head = io.haneul.it.support.JavaHttp.send(HttpRequest.newBuilder(
                server.endpoint().resolve("/" + b + "/hello%20world.txt")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("8", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, head.body().length);
        RawHttp.Response range = send("GET", "/" + b + "/hello%20world.txt", Map.of("Range", "bytes=3-"), null);
        assertEquals(206, range.status());
        assertEquals("there", range.text());
        assertEquals("bytes 3-7/8", range.header("Content-Range"));
        RawHttp.Response notModified = send("GET", "/" + b + "/hello%20world.txt", Map.of("If-None-Match", put.header("ETag")), null);
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
    }

    /** What {@code curl -X PUT --data-binary @file} sends: a form content type on an upload, kept as the object's. */
    @Test
    void uploadsWithFormOrJsonContentTypesAreObjects() {
        String b = S3Clients.bucket("ctype");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        for (String[] upload : new String[][]{{"form.txt", "application/x-www-form-urlencoded", "a=1&b=2"},
                {"doc.json", "application/json", "{\"a\":1}"}, {"x.json", "application/x-amz-json-1.0", "{}"}}) {
            RawHttp.Response put = send("PUT", "/" + b + "/" + upload[0], Map.of("Content-Type", upload[1]), upload[2]);
            assertEquals(200, put.status(), put::toString);
            RawHttp.Response get = send("GET", "/" + b + "/" + upload[0], Map.of(), null);
            assertEquals(upload[2], get.text(), "the bytes are stored, not swallowed as form fields: " + upload[1]);
            assertEquals(upload[1], get.header("Content-Type"));
        }
    }

    /** A target Jetty cannot canonicalize (a key climbing above the root) gets S3's XML error, not an HTML page. */
    @Test
    void unparseableTargetsGetAnXmlError() {
        String b = S3Clients.bucket("dots");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        RawHttp.Response r = send("PUT", "/" + b + "/../../etc/passwd", Map.of(), "x");
        assertEquals(400, r.status(), r::toString);
        assertEquals("application/xml", r.header("Content-Type"));
        assertTrue(r.text().contains("<Code>InvalidURI</Code>"), r::toString);
        assertFalse(r.text().contains("<html"), r::toString);
        RawHttp.Response inside = send("PUT", "/" + b + "/a/../b", Map.of(), "y");
        assertEquals(200, inside.status(), "dot segments that stay inside the bucket are part of the key: " + inside);
        assertEquals("y", send("GET", "/" + b + "/a/../b", Map.of(), null).text());
        RawHttp.Response list = send("GET", "/" + b + "?list-type=2", Map.of(), null);
        assertTrue(list.text().contains("<Key>a/../b</Key>"), list::toString);
    }

    @Test
    void errorDocumentsHaveS3Shapes() {
        String b = S3Clients.bucket("errs");
        send("PUT", "/" + b, Map.of(), "");
        RawHttp.Response noKey = send("GET", "/" + b + "/missing/key", Map.of(), null);
        assertEquals(404, noKey.status());
        assertTrue(noKey.text().contains("<Code>NoSuchKey</Code>"), noKey::toString);
        assertTrue(noKey.text().contains("<Key>missing/key</Key>"), noKey::toString);
        assertTrue(noKey.text().contains("<RequestId>"), noKey::toString);
        RawHttp.Response noBucket = send("GET", "/no-such-bucket-zz/k", Map.of(), null);
        assertTrue(noBucket.text().contains("<Code>NoSuchBucket</Code>"), noBucket::toString);
        assertTrue(noBucket.text().contains("<BucketName>no-such-bucket-zz</BucketName>"), noBucket::toString);
        RawHttp.Response badName = send("PUT", "/Bad_Name", Map.of(), "");
        assertEquals(400, badName.status());
        assertTrue(badName.text().contains("<Code>InvalidBucketName</Code>"), badName::toString);
        RawHttp.Response mine = send("PUT", "/" + b, Map.of(), "");
        assertEquals(200, mine.status(), "us-east-1 re-create answers 200");
        send("PUT", "/" + b + "/k", Map.of(), "x");
        RawHttp.Response notEmpty = send("DELETE", "/" + b, Map.of(), null);
        assertEquals(409, notEmpty.status());
        assertTrue(notEmpty.text().contains("<Code>BucketNotEmpty</Code>") && notEmpty.text().contains("<BucketName>" + b),
                notEmpty::toString);
        RawHttp.Response badXml = send("PUT", "/" + b + "?tagging", Map.of(), "<Tagging><TagSet>");
        assertEquals(400, badXml.status());
        assertTrue(badXml.text().contains("<Code>MalformedXML</Code>"), badXml::toString);
        RawHttp.Response range = send("GET", "/" + b + "/k", Map.of("Range", "bytes=5-9"), null);
        assertEquals(416, range.status());
        assertTrue(range.text().contains("<Code>InvalidRange</Code>"), range::toString);
        RawHttp.Response doctype = send("PUT", "/" + b + "?tagging", Map.of(),
                "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x \"y\">]><Tagging><TagSet/></Tagging>");
        assertEquals(400, doctype.status(), doctype::toString);
        assertTrue(doctype.text().contains("<Code>MalformedXML</Code>"), doctype::toString);
        RawHttp.Response control = send("GET", "/" + b + "/a%01b", Map.of(), null);
        assertEquals(404, control.status(), control::toString);
        assertFalse(control.text().contains("&#x1;"), "an error quoting a control character must still be XML 1.0: " + control);
        assertTrue(control.text().contains("<Code>NoSuchKey</Code>"), control::toString);
    }

    @Test
    void presignedUrlsExpireInPermissiveModeToo() throws Exception {
        String b = S3Clients.bucket("pre");
        try (S3Client s3 = S3Clients.client(server, "test"); S3Presigner presigner = S3Clients.presigner(server, "test");
             HttpClient http = HttpClient.newHttpClient()) {
            s3.createBucket(r -> r.bucket(b));
            s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("v"));
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(30)).getObjectRequest(r -> r.bucket(b).key("k")))
                    .url().toURI();
            assertEquals("v", http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()).body());
            URI putUrl = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(30)).putObjectRequest(r -> r.bucket(b)
                    .key("k2"))).url().toURI();
            assertEquals(200, http.send(HttpRequest.newBuilder(putUrl).PUT(HttpRequest.BodyPublishers.ofString("v2")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            URI laterPut = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofSeconds(30)).putObjectRequest(r -> r.bucket(b)
                    .key("k3"))).url().toURI();
            CLOCK.advance(Duration.ofMinutes(1));
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("Request has expired"), expired.body());
            HttpResponse<String> expiredPut = http.send(HttpRequest.newBuilder(laterPut).PUT(HttpRequest.BodyPublishers.ofString("v3"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expiredPut.statusCode(), expiredPut.body());
            assertTrue(expiredPut.body().contains("<Code>AccessDenied</Code>") && expiredPut.body().contains("Request has expired"),
                    expiredPut.body());
            assertEquals(404, http.send(HttpRequest.newBuilder(server.endpoint().resolve("/" + b + "/k3")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "an expired PUT URL stores nothing");
        }
    }

    /**
     * What SDKs send by default over HTTPS: aws-chunked with an unsigned payload and a trailing checksum.
     * In permissive mode the trailer is still checked: a wrong one stores nothing.
     */
    @Test
    void unsignedChunkedUploadsWithTrailingChecksums() throws Exception {
        String b = S3Clients.bucket("trailer");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        String data = "hello trailing checksums";
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data.getBytes(StandardCharsets.UTF_8));
        String good = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        String sha1 = java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.UTF_8)));
        for (String[] trailer : new String[][]{{"x-amz-checksum-crc32", good, "ChecksumCRC32"}, {"x-amz-checksum-sha1", sha1, "ChecksumSHA1"}}) {
            String key = "ok-" + trailer[0];
            RawHttp.Response put = send("PUT", "/" + b + "/" + key, chunkedHeaders(data, trailer[0]), chunked(data, trailer[0], trailer[1]));
            assertEquals(200, put.status(), put::toString);
            assertEquals(trailer[1], put.header(trailer[0]), put::toString);
            RawHttp.Response get = send("GET", "/" + b + "/" + key, Map.of("x-amz-checksum-mode", "ENABLED"), null);
            assertEquals(data, get.text(), "the framing is removed");
            assertEquals(trailer[1], get.header(trailer[0]));
        }
        RawHttp.Response bad = send("PUT", "/" + b + "/bad", chunkedHeaders(data, "x-amz-checksum-crc32"),
                chunked(data, "x-amz-checksum-crc32", "AAAAAA=="));
        assertEquals(400, bad.status(), bad::toString);
        assertTrue(bad.text().contains("<Code>BadDigest</Code>"), bad::toString);
        assertEquals(404, send("HEAD", "/" + b + "/bad", Map.of(), null).status(), "a body that fails its trailer is not kept");
    }

    static Map<String, String> chunkedHeaders(String data, String trailer) {
        return Map.of("Content-Encoding", "aws-chunked", "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-trailer", trailer, "x-amz-decoded-content-length", String.valueOf(data.length()), "Content-Type", "text/plain");
    }

    static String chunked(String data, String trailer, String value) {
        int half = data.length() / 2;
        return Integer.toHexString(half) + "\r\n" + data.substring(0, half) + "\r\n"
                + Integer.toHexString(data.length() - half) + "\r\n" + data.substring(half) + "\r\n"
                + "0\r\n" + trailer + ":" + value + "\r\n\r\n";
    }

    /** A form whose part headers run past S3's limit is refused before anything is stored or held. */
    @Test
    void oversizedFormHeadersAreRefused() {
        String b = S3Clients.bucket("form-limits");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        String body = "--x\r\nContent-Disposition: form-data; name=\"key\"\r\nX-Padding: " + "p".repeat(40_000) + "\r\n\r\nk\r\n"
                + "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\ndata\r\n--x--\r\n";
        RawHttp.Response r = send("POST", "/" + b, Map.of("Content-Type", "multipart/form-data; boundary=x"), body);
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.text().contains("<Code>MalformedPOSTRequest</Code>"), r::toString);
        assertEquals(404, send("HEAD", "/" + b + "/k", Map.of(), null).status());
    }

    /** ListObjects (v1) with a prefix and encoding-type=url: keys, prefixes and markers come back URL-encoded. */
    @Test
    void listObjectsV1EncodesKeysWhenAsked() {
        String b = S3Clients.bucket("v1enc");
        assertEquals(200, send("PUT", "/" + b, Map.of(), "").status());
        for (String key : new String[]{"dir%20a/one%2Btwo.txt", "dir%20a/sub/x.txt", "other.txt"}) {
            assertEquals(200, send("PUT", "/" + b + "/" + key, Map.of(), "x").status());
        }
        RawHttp.Response plain = send("GET", "/" + b + "?prefix=dir%20a%2F&delimiter=%2F", Map.of(), null);
        assertTrue(plain.text().contains("<Key>dir a/one+two.txt</Key>"), plain::toString);
        assertFalse(plain.text().contains("other.txt"), plain::toString);
        RawHttp.Response encoded = send("GET", "/" + b + "?prefix=dir%20a%2F&delimiter=%2F&encoding-type=url", Map.of(), null);
        assertEquals(200, encoded.status(), encoded::toString);
        assertTrue(encoded.text().contains("<EncodingType>url</EncodingType>"), encoded::toString);
        assertTrue(encoded.text().contains("<Key>dir+a/one%2Btwo.txt</Key>"), encoded::toString);
        assertTrue(encoded.text().contains("<Prefix>dir+a/sub/</Prefix>"), encoded::toString);
        assertTrue(encoded.text().contains("<Prefix>dir+a/</Prefix>"), encoded::toString);
    }

    @Test
    void objectsLargerThanTheBodyLimitStream() throws Exception {
        String b = S3Clients.bucket("large");
        byte[] data = new byte[24 * 1024 * 1024];
        new Random(7).nextBytes(data);
        try (S3Client s3 = S3Clients.client(server, "test")) {
            s3.createBucket(r -> r.bucket(b));
            s3.putObject(r -> r.bucket(b).key("big"), RequestBody.fromBytes(data));
            assertArrayEquals(data, s3.getObjectAsBytes(r -> r.bucket(b).key("big")).asByteArray());
        }
        RawHttp.Response other = RawHttp.send(server.port(), "POST", "/", Map.of("X-Amz-Target", "AmazonSQS.ListQueues",
                "Content-Type", "application/x-amz-json-1.0"), new byte[2 * 1024 * 1024]);
        assertEquals(413, other.status(), "other services keep the body limit");
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
