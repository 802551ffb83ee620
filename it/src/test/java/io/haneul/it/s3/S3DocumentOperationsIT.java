package io.haneul.it.s3;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3 operations the SDK for Java Haneul is built with has no classes for (answered on restXml documents,
 * or, for the deprecated ones, by their successors, which get the very same requests), through boto3
 * loading Haneul's shipped s3 model (the installed botocore predates object annotations), whole responses
 * compared: object annotations, UpdateObjectEncryption, and the deprecated Put/GetBucketLifecycle and
 * Put/GetBucketNotification of older clients.
 */
class S3DocumentOperationsIT {

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

    /** The prelude's client, on a botocore that loads the model at {@code sys.argv[2]}. */
    private static final String CLIENT = """
            import os, tempfile, base64, hashlib
            from botocore.config import Config
            _data = tempfile.mkdtemp()
            os.makedirs(os.path.join(_data, "s3", "2006-03-01"))
            import botocore.loaders
            # Haneul's shipped model carries no documentation; the installed model's metadata and client
            # context parameters (which botocore reads with their documentation) are kept
            _model = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "s3-model.json")))
            _installed = botocore.loaders.Loader().load_service_model("s3", "service-2")
            for _k, _v in _installed.items():
                if _k not in ("operations", "shapes"):
                    _model[_k] = _v
            json.dump(_model, open(os.path.join(_data, "s3", "2006-03-01", "service-2.json"), "w"))
            os.environ["AWS_DATA_PATH"] = _data
            s3 = boto3.session.Session().client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                              config=Config(request_checksum_calculation="when_required", response_checksum_validation="when_required",
                                            s3={"addressing_style": "path"}))
            """;

    private void model() throws Exception {
        try (InputStream in = S3DocumentOperationsIT.class.getResourceAsStream("/aws-models/s3-2006-03-01.json")) {
            Files.copy(in, work.resolve("s3-model.json"));
        }
    }

    @Test
    void objectAnnotations() throws Exception {
        model();
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="notes")
                s3.put_object(Bucket="notes", Key="doc.txt", Body=b"hello")
                payload = b'{"label": "cat", "score": 0.9}'
                etag = '"%s"' % hashlib.md5(payload).hexdigest()
                same("put", s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="ml/labels", AnnotationPayload=payload),
                     {"ETag": etag, "ServerSideEncryption": "AES256", "AnnotationName": "ml/labels", "Key": "doc.txt",
                      "ChecksumCRC64NVME": ANY, "ChecksumType": "FULL_OBJECT"})
                same("getChecksum", s3.get_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="ml/labels", ChecksumMode="ENABLED"),
                     {"ETag": etag, "ServerSideEncryption": "AES256", "ContentLength": len(payload), "LastModified": ANY, "AnnotationPayload": ANY,
                      "ChecksumCRC64NVME": s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="ml/labels",
                                                                    AnnotationPayload=payload)["ChecksumCRC64NVME"],
                      "ChecksumType": "FULL_OBJECT"})
                s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="audit", AnnotationPayload=b"ok")
                got = s3.get_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="ml/labels")
                body = got.pop("AnnotationPayload").read()
                if body != payload:
                    DIFFS.append("payload %r" % body)
                same("get", got, {"ETag": etag, "ServerSideEncryption": "AES256", "ContentLength": len(payload), "LastModified": ANY})
                same("list", s3.list_object_annotations(Bucket="notes", Key="doc.txt"),
                     {"Bucket": "notes", "Key": "doc.txt", "MaxAnnotationResults": 1000, "AnnotationCount": 2,
                      "Annotations": [{"AnnotationName": "audit", "ETag": ANY, "LastModified": ANY, "Size": 2, "ChecksumAlgorithm": ["CRC64NVME"]},
                                      {"AnnotationName": "ml/labels", "ETag": etag, "LastModified": ANY, "Size": len(payload),
                                       "ChecksumAlgorithm": ["CRC64NVME"]}]})
                page = s3.list_object_annotations(Bucket="notes", Key="doc.txt", MaxAnnotationResults=1)
                same("page1", page, {"Bucket": "notes", "Key": "doc.txt", "MaxAnnotationResults": 1, "AnnotationCount": 1,
                                     "NextContinuationToken": ANY, "Annotations": [ANY]})
                same("page2", s3.list_object_annotations(Bucket="notes", Key="doc.txt", MaxAnnotationResults=1,
                                                         ContinuationToken=page["NextContinuationToken"]),
                     {"Bucket": "notes", "Key": "doc.txt", "MaxAnnotationResults": 1, "AnnotationCount": 1,
                      "ContinuationToken": page["NextContinuationToken"], "Annotations": [ANY]})
                same("prefix", s3.list_object_annotations(Bucket="notes", Key="doc.txt", AnnotationPrefix="ml/"),
                     {"Bucket": "notes", "Key": "doc.txt", "AnnotationPrefix": "ml/", "MaxAnnotationResults": 1000, "AnnotationCount": 1,
                      "Annotations": [ANY]})
                same("delete", s3.delete_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="audit"), {})
                same("gone", error_of(lambda: s3.get_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="audit")),
                     {"Code": "NoSuchAnnotation", "Message": ANY, "AnnotationName": "audit"})
                same("deleteGone", error_of(lambda: s3.delete_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="audit")),
                     {"Code": "NoSuchAnnotation", "Message": ANY, "AnnotationName": "audit"})
                same("tooLong", error_of(lambda: s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="n" * 513,
                                                                          AnnotationPayload=b"x")),
                     {"Code": "AnnotationNameTooLong", "Message": ANY})
                same("emptyPayload", error_of(lambda: s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="e",
                                                                               AnnotationPayload=b"")),
                     {"Code": "InvalidRequest", "Message": ANY})
                same("noKey", error_of(lambda: s3.put_object_annotation(Bucket="notes", Key="missing", AnnotationName="a",
                                                                        AnnotationPayload=b"x")),
                     {"Code": "NoSuchKey", "Message": ANY, "Key": "missing"})
                same("ifMatch", error_of(lambda: s3.put_object_annotation(Bucket="notes", Key="doc.txt", AnnotationName="a",
                                                                          AnnotationPayload=b"x", ObjectIfMatch='"0000"')),
                     {"Code": "PreconditionFailed", "Message": ANY, "Condition": ANY})
                # an overwrite without versioning replaces the version, and its annotations go with it
                s3.put_object(Bucket="notes", Key="doc.txt", Body=b"hello again")
                same("afterOverwrite", s3.list_object_annotations(Bucket="notes", Key="doc.txt"),
                     {"Bucket": "notes", "Key": "doc.txt", "MaxAnnotationResults": 1000, "AnnotationCount": 0})
                # with versioning, each version has its own annotations
                s3.create_bucket(Bucket="notes-v")
                s3.put_bucket_versioning(Bucket="notes-v", VersioningConfiguration={"Status": "Enabled"})
                v1 = s3.put_object(Bucket="notes-v", Key="k", Body=b"1")["VersionId"]
                s3.put_object_annotation(Bucket="notes-v", Key="k", AnnotationName="first", AnnotationPayload=b"v1")
                v2 = s3.put_object(Bucket="notes-v", Key="k", Body=b"2")["VersionId"]
                same("newVersion", s3.list_object_annotations(Bucket="notes-v", Key="k"),
                     {"Bucket": "notes-v", "Key": "k", "ObjectVersionId": v2, "MaxAnnotationResults": 1000, "AnnotationCount": 0})
                same("oldVersion", s3.list_object_annotations(Bucket="notes-v", Key="k", VersionId=v1),
                     {"Bucket": "notes-v", "Key": "k", "ObjectVersionId": v1, "MaxAnnotationResults": 1000, "AnnotationCount": 1,
                      "Annotations": [{"AnnotationName": "first", "ETag": ANY, "LastModified": ANY, "Size": 2, "ChecksumAlgorithm": ["CRC64NVME"]}]})
                """);
    }

    @Test
    void updateObjectEncryption() throws Exception {
        model();
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="enc")
                put = s3.put_object(Bucket="enc", Key="k", Body=b"data")
                key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                same("update", s3.update_object_encryption(Bucket="enc", Key="k",
                                                           ObjectEncryption={"SSEKMS": {"KMSKeyArn": key, "BucketKeyEnabled": True}}), {})
                same("head", s3.head_object(Bucket="enc", Key="k"),
                     {"AcceptRanges": "bytes", "LastModified": ANY, "ContentLength": 4, "ETag": put["ETag"], "ContentType": "binary/octet-stream",
                      "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key, "BucketKeyEnabled": True, "Metadata": {}})
                if s3.get_object(Bucket="enc", Key="k")["Body"].read() != b"data":
                    DIFFS.append("bytes changed")
                same("noKey", error_of(lambda: s3.update_object_encryption(Bucket="enc", Key="missing",
                                                                           ObjectEncryption={"SSEKMS": {"KMSKeyArn": key}})),
                     {"Code": "NoSuchKey", "Message": ANY, "Key": "missing"})
                ssec = base64.b64encode(b"k" * 32).decode()
                s3.put_object(Bucket="enc", Key="c", Body=b"x", SSECustomerAlgorithm="AES256", SSECustomerKey=b"k" * 32)
                same("ssec", error_of(lambda: s3.update_object_encryption(Bucket="enc", Key="c",
                                                                          ObjectEncryption={"SSEKMS": {"KMSKeyArn": key}})),
                     {"Code": "InvalidRequest", "Message": ANY})
                """);
    }

    @Test
    void deprecatedLifecycleAndNotificationOperations() throws Exception {
        model();
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="old-api")
                same("putLifecycle", s3.put_bucket_lifecycle(Bucket="old-api", LifecycleConfiguration={"Rules": [
                    {"ID": "logs", "Prefix": "logs/", "Status": "Enabled", "Expiration": {"Days": 3}}]}), {})
                same("getLifecycle", s3.get_bucket_lifecycle(Bucket="old-api"),
                     {"Rules": [{"ID": "logs", "Prefix": "logs/", "Status": "Enabled", "Expiration": {"Days": 3}}]})
                same("getLifecycleConfiguration", s3.get_bucket_lifecycle_configuration(Bucket="old-api"),
                     {"Rules": [{"ID": "logs", "Prefix": "logs/", "Status": "Enabled", "Expiration": {"Days": 3}}],
                      "TransitionDefaultMinimumObjectSize": ANY})
                sqs = boto3.session.Session().client("sqs", endpoint_url=ENDPOINT, region_name="us-east-1")
                url = sqs.create_queue(QueueName="old-api-events")["QueueUrl"]
                arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
                same("putNotification", s3.put_bucket_notification(Bucket="old-api", NotificationConfiguration={
                    "QueueConfiguration": {"Id": "created", "Events": ["s3:ObjectCreated:*"], "Queue": arn}}), {})
                same("getNotification", s3.get_bucket_notification(Bucket="old-api"),
                     {"QueueConfiguration": {"Id": "created", "Event": "s3:ObjectCreated:*", "Events": ["s3:ObjectCreated:*"], "Queue": arn}})
                same("getNotificationConfiguration", s3.get_bucket_notification_configuration(Bucket="old-api"),
                     {"QueueConfigurations": [{"Id": "created", "Events": ["s3:ObjectCreated:*"], "QueueArn": arn}]})
                """);
    }

    @Test
    void metadataAnnotationTable() throws Exception {
        model();
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="meta")
                same("noConfig", error_of(lambda: s3.update_bucket_metadata_annotation_table_configuration(Bucket="meta",
                        AnnotationTableConfiguration={"ConfigurationState": "ENABLED"})),
                     {"Code": "MetadataConfigurationNotFound", "Message": ANY, "BucketName": "meta"})
                s3.create_bucket_metadata_configuration(Bucket="meta", MetadataConfiguration={
                    "JournalTableConfiguration": {"RecordExpiration": {"Expiration": "ENABLED", "Days": 7}}})
                same("update", s3.update_bucket_metadata_annotation_table_configuration(Bucket="meta",
                        AnnotationTableConfiguration={"ConfigurationState": "ENABLED", "Role": "arn:aws:iam::111111111111:role/annotations"}), {})
                got = s3.get_bucket_metadata_configuration(Bucket="meta")["GetBucketMetadataConfigurationResult"]["MetadataConfigurationResult"]
                same("annotationTable", got["AnnotationTableConfigurationResult"],
                     {"ConfigurationState": "ENABLED", "TableStatus": "ACTIVE", "TableName": "annotation",
                      "Role": "arn:aws:iam::111111111111:role/annotations"})
                same("journalKept", got["JournalTableConfigurationResult"], {"TableStatus": "ACTIVE", "TableName": "journal", "RecordExpiration": ANY})
                s3.update_bucket_metadata_annotation_table_configuration(Bucket="meta", AnnotationTableConfiguration={"ConfigurationState": "DISABLED"})
                got = s3.get_bucket_metadata_configuration(Bucket="meta")["GetBucketMetadataConfigurationResult"]["MetadataConfigurationResult"]
                same("disabled", got["AnnotationTableConfigurationResult"], {"ConfigurationState": "DISABLED"})
                """);
    }
}
