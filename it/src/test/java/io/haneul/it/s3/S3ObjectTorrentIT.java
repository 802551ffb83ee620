package io.haneul.it.s3;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectTorrentResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GetObjectTorrent: boto3 reads the .torrent, the test decodes its bencoding and checks the info
 * dictionary and every piece's SHA-1 against the object's bytes; AWS's refusals (SSE-C objects,
 * directory buckets, missing keys); the SDK for Java v2 gets the same torrent.
 */
class S3ObjectTorrentIT {

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
    void torrentOfAnObjectHashesItsPieces() throws Exception {
        BotoParity.check(server, work, "111111111111", """
                import hashlib, os
                from botocore.config import Config
                s3 = boto3.session.Session().client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                                  config=Config(s3={"addressing_style": "path"}))
                def bdecode(data, at=0):
                    c = data[at:at + 1]
                    if c == b"i":
                        end = data.index(b"e", at)
                        return int(data[at + 1:end]), end + 1
                    if c in (b"l", b"d"):
                        at += 1
                        items = []
                        while data[at:at + 1] != b"e":
                            item, at = bdecode(data, at)
                            items.append(item)
                        return (items if c == b"l" else dict(zip(items[0::2], items[1::2]))), at + 1
                    colon = data.index(b":", at)
                    n = int(data[at:colon])
                    return data[colon + 1:colon + 1 + n], colon + 1 + n
                s3.create_bucket(Bucket="films")
                payload = os.urandom(600 * 1024)
                s3.put_object(Bucket="films", Key="reels/first cut.mov", Body=payload)
                got = s3.get_object_torrent(Bucket="films", Key="reels/first cut.mov")
                raw = got.pop("Body").read()
                same("response", got, {})
                torrent, end = bdecode(raw)
                if end != len(raw):
                    DIFFS.append("trailing bytes after the torrent")
                pieces = b"".join(hashlib.sha1(payload[i:i + 262144]).digest() for i in range(0, len(payload), 262144))
                port = ENDPOINT.rsplit(":", 1)[1]
                same("torrent", {k.decode(): v for k, v in torrent.items()},
                     {"announce": b"http://torrent.127.0.0.1:6969/announce", "info": ANY,
                      "url-list": [("http://127.0.0.1:%s/films/reels/first%%20cut.mov" % port).encode()]})
                same("info", {k.decode(): v for k, v in torrent[b"info"].items()},
                     {"name": b"first cut.mov", "length": len(payload), "piece length": 262144, "pieces": pieces,
                      "x-amz-bucket": b"films", "x-amz-key": b"reels/first cut.mov"})
                s3.put_object(Bucket="films", Key="empty", Body=b"")
                empty, _ = bdecode(s3.get_object_torrent(Bucket="films", Key="empty")["Body"].read())
                same("empty", {k.decode(): v for k, v in empty[b"info"].items()},
                     {"name": b"empty", "length": 0, "piece length": 262144, "pieces": b"", "x-amz-bucket": b"films", "x-amz-key": b"empty"})
                same("missing", error_of(lambda: s3.get_object_torrent(Bucket="films", Key="nothing")),
                     {"Code": "NoSuchKey", "Message": ANY, "Key": "nothing"})
                s3.put_object(Bucket="films", Key="secret", Body=b"x", SSECustomerAlgorithm="AES256", SSECustomerKey=b"k" * 32)
                same("sseC", error_of(lambda: s3.get_object_torrent(Bucket="films", Key="secret")), {"Code": "InvalidRequest", "Message": ANY})
                control = boto3.session.Session().client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                                  config=Config(s3={"addressing_style": "path", "disable_s3_express_session_auth": True}))
                control.create_bucket(Bucket="fast--use1-az4--x-s3", CreateBucketConfiguration={
                    "Location": {"Type": "AvailabilityZone", "Name": "use1-az4"}, "Bucket": {"Type": "Directory"}})
                control.put_object(Bucket="fast--use1-az4--x-s3", Key="k", Body=b"x")
                same("directory", error_of(lambda: control.get_object_torrent(Bucket="fast--use1-az4--x-s3", Key="k")),
                     {"Code": "InvalidRequest", "Message": ANY})
                """);
    }

    @Test
    void sdkV2ReadsTheTorrent() throws Exception {
        try (S3Client s3 = S3Clients.client(server, "222222222222")) {
            s3.createBucket(b -> b.bucket("sdk-films"));
            byte[] payload = "frame ".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            s3.putObject(b -> b.bucket("sdk-films").key("clip.mp4"), RequestBody.fromBytes(payload));
            ResponseBytes<GetObjectTorrentResponse> torrent = s3.getObjectTorrentAsBytes(b -> b.bucket("sdk-films").key("clip.mp4"));
            byte[] bytes = torrent.asByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("6:lengthi" + payload.length + "e"), text);
            byte[] lastPiece = java.util.Arrays.copyOfRange(payload, 2 * 262144, payload.length);
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(lastPiece);
            assertTrue(text.contains("6:pieces60:") && text.contains(new String(hash, StandardCharsets.ISO_8859_1)), "pieces of " + text);
            assertTrue(torrent.response().sdkHttpResponse().firstMatchingHeader("Content-Type").orElse("").equals("application/x-bittorrent"));
        }
    }
}
