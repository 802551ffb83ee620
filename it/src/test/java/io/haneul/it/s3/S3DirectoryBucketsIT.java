package io.haneul.it.s3;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketType;
import software.amazon.awssdk.services.s3.model.DataRedundancy;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.LocationType;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directory buckets (S3 Express One Zone) as boto3 meets them with an endpoint override: CreateBucket
 * with a Location and Bucket configuration (and AWS's checks), ListDirectoryBuckets beside ListBuckets,
 * HeadBucket's zone, and objects read and written through the sessions botocore opens by itself with
 * CreateSession and signs with ({@code x-amz-s3session-token}); read-only sessions, sessions of another
 * bucket and wrong tokens refused. The SDKs' endpoint rules send CreateBucket of a directory bucket
 * through session auth when an endpoint is set, which a bucket that does not exist yet cannot have
 * (CreateSession answers NoSuchBucket, as AWS does), so buckets are created by a client with
 * {@code disable_s3_express_session_auth}. A bucket's zone must be one of the signed region's (CreateBucket:
 * InvalidBucketName; CreateSession from another region: NoSuchBucket). Against a server verifying signatures ({@code --auth strict})
 * and a permissive one, where a session acts for the account it was opened by.
 */
class S3DirectoryBucketsIT {

    static final String ACCOUNT = "111111111111";
    /** The SDK for Java's account, whose buckets the boto3 listings do not see. */
    static final String OTHER = "222222222222";

    static TestServer strict;
    static TestServer permissive;

    @TempDir
    Path work;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path creds = dir.resolve("credentials");
        Files.writeString(creds, ACCOUNT + " secret " + ACCOUNT + "\n" + OTHER + " secret " + OTHER + "\n");
        strict = TestServer.start("--auth", "strict", "--credentials", creds.toString());
        permissive = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        strict.close();
        permissive.close();
    }

    static final String CLIENTS = """
            import urllib.request, urllib.error
            from botocore.config import Config
            from botocore.auth import S3ExpressAuth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            def client(region="us-east-1", **s3):
                s3.setdefault("addressing_style", "path")
                return boto3.session.Session().client("s3", endpoint_url=ENDPOINT, region_name=region,
                    config=Config(s3=s3, request_checksum_calculation="when_required", response_checksum_validation="when_required"))
            control = client(disable_s3_express_session_auth=True)
            s3 = client()
            SENT = []
            s3.meta.events.register("before-send.s3", lambda request, **kw: SENT.append(request))
            def conf(zone, type="AvailabilityZone", redundancy="SingleAvailabilityZone"):
                return {"Location": {"Type": type, "Name": zone}, "Bucket": {"Type": "Directory", "DataRedundancy": redundancy}}
            def arn(name):
                return "arn:aws:s3express:us-east-1:111111111111:bucket/" + name
            def raw(method, path, creds, body=None, headers=None):
                req = AWSRequest(method=method, url=ENDPOINT + path, data=body or b"", headers=headers or {})
                S3ExpressAuth(creds, "s3express", "us-east-1", identity_cache=None).add_auth(req)
                prepared = req.prepare()
                call = urllib.request.Request(prepared.url, data=body, method=method, headers=dict(prepared.headers))
                try:
                    with urllib.request.urlopen(call) as resp:
                        return resp.status, resp.read()
                except urllib.error.HTTPError as e:
                    return e.code, e.read()
            """;

    @Test
    void directoryBucketsWithSessionsUnderStrictAuth() throws Exception {
        BotoParity.check(strict, work, ACCOUNT, CLIENTS + """
                B = "photos--use1-az4--x-s3"
                same("create", control.create_bucket(Bucket=B, CreateBucketConfiguration=conf("use1-az4")),
                     {"Location": "/" + B, "BucketArn": arn(B)})
                same("again", error_of(lambda: control.create_bucket(Bucket=B, CreateBucketConfiguration=conf("use1-az4"))),
                     {"Code": "BucketAlreadyOwnedByYou", "Message": ANY, "BucketName": B})
                same("otherZone", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3",
                                                                         CreateBucketConfiguration=conf("use1-az5"))),
                     {"Code": "InvalidBucketName", "Message": ANY, "BucketName": "logs--use1-az4--x-s3"})
                same("zoneOfAnotherRegion", error_of(lambda: control.create_bucket(Bucket="west--usw2-az1--x-s3",
                                                                                   CreateBucketConfiguration=conf("usw2-az1"))),
                     {"Code": "InvalidBucketName", "Message": ANY, "BucketName": "west--usw2-az1--x-s3"})
                same("noLocation", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3",
                        CreateBucketConfiguration={"Bucket": {"Type": "Directory", "DataRedundancy": "SingleAvailabilityZone"}})),
                     {"Code": "InvalidRequest", "Message": ANY})
                same("redundancy", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3",
                        CreateBucketConfiguration=conf("use1-az4", redundancy="SingleLocalZone"))),
                     {"Code": "InvalidRequest", "Message": ANY})
                same("constraint", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3",
                        CreateBucketConfiguration=dict(conf("use1-az4"), LocationConstraint="us-west-2"))),
                     {"Code": "InvalidRequest", "Message": ANY})
                same("objectLock", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3",
                        CreateBucketConfiguration=conf("use1-az4"), ObjectLockEnabledForBucket=True)),
                     {"Code": "InvalidRequest", "Message": ANY})
                same("noSuffix", error_of(lambda: control.create_bucket(Bucket="logs-use1-az4",
                                                                        CreateBucketConfiguration=conf("use1-az4"))),
                     {"Code": "InvalidBucketName", "Message": ANY, "BucketName": "logs-use1-az4"})
                same("noConfiguration", error_of(lambda: control.create_bucket(Bucket="logs--use1-az4--x-s3")),
                     {"Code": "InvalidBucketName", "Message": ANY, "BucketName": "logs--use1-az4--x-s3"})
                same("head", control.head_bucket(Bucket=B),
                     {"BucketRegion": "us-east-1", "BucketLocationType": "AvailabilityZone", "BucketLocationName": "use1-az4",
                      "BucketArn": arn(B)})

                # objects, through the session botocore opens and signs with
                s3.put_object(Bucket=B, Key="2024/cat.jpg", Body=b"meow")
                put = [r for r in SENT if r.method == "PUT"][-1]
                if not put.headers.get("x-amz-s3session-token") or "/s3express/" not in str(put.headers["Authorization"]):
                    DIFFS.append("PutObject not signed with a session: %r" % dict(put.headers))
                if not any("session" in r.url for r in SENT):
                    DIFFS.append("no CreateSession was sent")
                body = s3.get_object(Bucket=B, Key="2024/cat.jpg")["Body"].read()
                if body != b"meow":
                    DIFFS.append("body %r" % body)
                listed = s3.list_objects_v2(Bucket=B)
                same("list", {"Keys": [o["Key"] for o in listed["Contents"]]}, {"Keys": ["2024/cat.jpg"]})

                # ListDirectoryBuckets lists directory buckets only, ListBuckets the others
                control.create_bucket(Bucket="general-purpose")
                for name in ("archive--use1-az4--x-s3", "zeta--use1-az4--x-s3"):
                    control.create_bucket(Bucket=name, CreateBucketConfiguration=conf("use1-az4"))
                same("listBuckets", {"Names": [b["Name"] for b in s3.list_buckets()["Buckets"]]}, {"Names": ["general-purpose"]})
                entry = lambda name: {"Name": name, "CreationDate": ANY, "BucketRegion": "us-east-1", "BucketArn": arn(name)}
                same("listDirectory", s3.list_directory_buckets(),
                     {"Buckets": [entry("archive--use1-az4--x-s3"), entry(B), entry("zeta--use1-az4--x-s3")]})
                page = s3.list_directory_buckets(MaxDirectoryBuckets=2)
                same("page1", page, {"Buckets": [entry("archive--use1-az4--x-s3"), entry(B)], "ContinuationToken": ANY})
                same("page2", s3.list_directory_buckets(MaxDirectoryBuckets=2, ContinuationToken=page["ContinuationToken"]),
                     {"Buckets": [entry("zeta--use1-az4--x-s3")]})

                # sessions: read-only ones read and do not write; a session is good for its bucket only
                same("session", s3.create_session(Bucket=B),
                     {"ServerSideEncryption": "AES256", "Credentials": {"AccessKeyId": ANY, "SecretAccessKey": ANY, "SessionToken": ANY,
                                                                        "Expiration": ANY}})
                same("noBucket", error_of(lambda: s3.create_session(Bucket="missing--use1-az4--x-s3")),
                     {"Code": "NoSuchBucket", "Message": ANY, "BucketName": "missing--use1-az4--x-s3"})
                ro = s3.create_session(Bucket=B, SessionMode="ReadOnly")["Credentials"]
                ro = Credentials(ro["AccessKeyId"], ro["SecretAccessKey"], ro["SessionToken"])
                status, answer = raw("GET", "/" + B + "/2024/cat.jpg", ro)
                if (status, answer) != (200, b"meow"):
                    DIFFS.append("read-only read: %s %r" % (status, answer))
                status, answer = raw("PUT", "/" + B + "/dog.jpg", ro, b"woof")
                if status != 403 or b"<Code>AccessDenied</Code>" not in answer:
                    DIFFS.append("read-only write: %s %r" % (status, answer))
                status, answer = raw("GET", "/zeta--use1-az4--x-s3?list-type=2", ro)
                if status != 403 or b"<Code>AccessDenied</Code>" not in answer:
                    DIFFS.append("other bucket: %s %r" % (status, answer))
                status, answer = raw("GET", "/" + B + "/2024/cat.jpg", Credentials(ro.access_key, ro.secret_key, "not-the-token"))
                if status != 400 or b"<Code>InvalidToken</Code>" not in answer:
                    DIFFS.append("wrong token: %s %r" % (status, answer))

                # a whole session's life on a bucket: delete its objects, then the bucket
                s3.delete_object(Bucket=B, Key="2024/cat.jpg")
                same("emptied", {"KeyCount": s3.list_objects_v2(Bucket=B)["KeyCount"]}, {"KeyCount": 0})
                s3.delete_bucket(Bucket=B)
                same("deleted", {"Names": [b["Name"] for b in s3.list_directory_buckets()["Buckets"]]},
                     {"Names": ["archive--use1-az4--x-s3", "zeta--use1-az4--x-s3"]})
                """);
    }

    /** A session's key is S3's alone, for its bucket and mode, whatever path a request takes. */
    @Test
    void sessionKeysServeTheirBucketOnly() throws Exception {
        BotoParity.check(strict, work, ACCOUNT, CLIENTS + """
                B = "limits--use1-az4--x-s3"
                control.create_bucket(Bucket=B, CreateBucketConfiguration=conf("use1-az4"))
                rw = s3.create_session(Bucket=B)["Credentials"]
                ro = s3.create_session(Bucket=B, SessionMode="ReadOnly")["Credentials"]
                def as_session(service, c):
                    return boto3.session.Session().client(service, endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])

                # other services do not know a session's key
                for label, c in (("readWrite", rw), ("readOnly", ro)):
                    same("sts " + label, error_of(lambda: as_session("sts", c).get_caller_identity()),
                         {"Code": "InvalidClientTokenId", "Message": ANY, "Type": "Sender"})

                # a session's key opens no other session (a read-only one would get a read-write one)
                key = lambda c: Credentials(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
                for label, c in (("readWrite", rw), ("readOnly", ro)):
                    status, answer = raw("GET", "/" + B + "?session", key(c))
                    if status != 403 or b"<Code>AccessDenied</Code>" not in answer:
                        DIFFS.append("CreateSession with a %s session: %s %r" % (label, status, answer))

                # a copy reads its source, which must be the session's bucket too
                control.create_bucket(Bucket="copy-source")
                control.put_object(Bucket="copy-source", Key="secret.txt", Body=b"secret")
                status, answer = raw("PUT", "/" + B + "/stolen.txt", key(rw), headers={"x-amz-copy-source": "copy-source/secret.txt"})
                if status != 403 or b"<Code>AccessDenied</Code>" not in answer:
                    DIFFS.append("copy from another bucket: %s %r" % (status, answer))
                raw("PUT", "/" + B + "/mine.txt", key(rw), b"mine")
                status, answer = raw("PUT", "/" + B + "/copy.txt", key(rw), headers={"x-amz-copy-source": B + "/mine.txt"})
                if status != 200:
                    DIFFS.append("copy within the session's bucket: %s %r" % (status, answer))

                # a browser-form POST signed with a session's key is held to the session as a PutObject
                import requests
                for label, c in (("readWrite", rw), ("readOnly", ro)):
                    signer = boto3.session.Session().client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                        aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"],
                        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
                    post = signer.generate_presigned_post("copy-source", "posted.txt")
                    answer = requests.post(post["url"], data=post["fields"], files={"file": ("posted.txt", b"hi")})
                    if answer.status_code != 403 or "<Code>AccessDenied</Code>" not in answer.text:
                        DIFFS.append("POST upload with a %s session: %s %r" % (label, answer.status_code, answer.text))
                same("nothing posted", {"Keys": [o["Key"] for o in control.list_objects_v2(Bucket="copy-source")["Contents"]]},
                     {"Keys": ["secret.txt"]})
                """);
    }

    @Test
    void sdkV2OpensSessionsByItselfWithAnEndpointOverride() {
        String bucket = "sdk--use1-az6--x-s3";
        try (S3Client control = S3Client.builder().endpointOverride(strict.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .disableS3ExpressSessionAuth(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(OTHER, "secret"))).build();
             S3Client s3 = S3Clients.client(strict, OTHER)) {
            control.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c
                    .location(l -> l.type(LocationType.AVAILABILITY_ZONE).name("use1-az6"))
                    .bucket(i -> i.type(BucketType.DIRECTORY).dataRedundancy(DataRedundancy.SINGLE_AVAILABILITY_ZONE))));
            s3.putObject(b -> b.bucket(bucket).key("notes/today.txt"), RequestBody.fromString("sunny"));
            assertEquals("sunny", s3.getObjectAsBytes(b -> b.bucket(bucket).key("notes/today.txt")).asUtf8String());
            assertEquals(List.of("notes/today.txt"), s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList());
            assertTrue(s3.listDirectoryBuckets(b -> { }).buckets().stream().anyMatch(b -> b.name().equals(bucket)));
            assertTrue(s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)));
            HeadBucketResponse head = s3.headBucket(b -> b.bucket(bucket));
            assertEquals("use1-az6", head.bucketLocationName());
            assertEquals(LocationType.AVAILABILITY_ZONE, head.bucketLocationType());
        }
    }

    @Test
    void sessionsActForTheirAccountWithoutVerification() throws Exception {
        BotoParity.check(permissive, work, ACCOUNT, CLIENTS + """
                # a bucket is made in the region the request is signed for, and its zone must be one of that region's
                B = "notes--usw2-az1--x-s3"
                same("eastCreate", error_of(lambda: control.create_bucket(Bucket=B, CreateBucketConfiguration=conf("usw2-az1"))),
                     {"Code": "InvalidBucketName", "Message": ANY, "BucketName": B})
                west_control = client("us-west-2", disable_s3_express_session_auth=True)
                west = client("us-west-2")
                same("westCreate", west_control.create_bucket(Bucket=B, CreateBucketConfiguration=conf("usw2-az1")),
                     {"Location": "/" + B, "BucketArn": "arn:aws:s3express:us-west-2:111111111111:bucket/" + B})
                same("eastSession", error_of(lambda: s3.create_session(Bucket=B)), {"Code": "NoSuchBucket", "Message": ANY, "BucketName": B})
                west.put_object(Bucket=B, Key="a.txt", Body=b"hello")
                same("get", {"Body": west.get_object(Bucket=B, Key="a.txt")["Body"].read()}, {"Body": b"hello"})
                same("listDirectory", {"Names": [b["Name"] for b in west.list_directory_buckets()["Buckets"]]}, {"Names": [B]})
                """);
    }
}
