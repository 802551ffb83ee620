package io.haneul.it.s3;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * S3 rules found by comparing Haneul with responses recorded against AWS (issue 21), pinned through
 * boto3 with whole response dictionaries: no {@code Owner.DisplayName}, SSE-S3 and a CRC64NVME
 * checksum on every new object, empty lists written only where AWS writes them, LocationConstraint
 * rules, {@code x-amz-tagging} checks, the lifecycle minimum-size header, CORS preflight headers and
 * the stored-only configurations (S3 Metadata, ABAC).
 */
class S3ParityIT {

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

    private static final String CLIENT = """
            from botocore.config import Config
            s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                              config=Config(request_checksum_calculation="when_required", response_checksum_validation="when_required"))
            OWNER = {"ID": ANY}
            """;

    @Test
    void objectsListingsAndOwners() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="parity-objects")
                same("listEmpty", s3.list_objects_v2(Bucket="parity-objects"),
                     {"IsTruncated": False, "Name": "parity-objects", "Prefix": "", "MaxKeys": 1000, "EncodingType": "url", "KeyCount": 0})
                # 123456789 is CRC-64/NVME's check string: 0xAE8B14860A799888
                etag = '"25f9e794323b453885f5181f1b624d0b"'
                same("put", s3.put_object(Bucket="parity-objects", Key="k", Body=b"123456789"),
                     {"ETag": etag, "ChecksumCRC64NVME": "rosUhgp5mIg=", "ChecksumType": "FULL_OBJECT", "ServerSideEncryption": "AES256"})
                same("head", s3.head_object(Bucket="parity-objects", Key="k"),
                     {"AcceptRanges": "bytes", "LastModified": ANY, "ContentLength": 9, "ETag": etag, "ContentType": "binary/octet-stream",
                      "ServerSideEncryption": "AES256", "Metadata": {}})
                same("headChecksum", s3.head_object(Bucket="parity-objects", Key="k", ChecksumMode="ENABLED"),
                     {"AcceptRanges": "bytes", "LastModified": ANY, "ContentLength": 9, "ETag": etag, "ContentType": "binary/octet-stream",
                      "ServerSideEncryption": "AES256", "Metadata": {}, "ChecksumCRC64NVME": "rosUhgp5mIg=", "ChecksumType": "FULL_OBJECT"})
                same("copy", s3.copy_object(Bucket="parity-objects", Key="c", CopySource="parity-objects/k"),
                     {"CopyObjectResult": {"ETag": etag, "LastModified": ANY, "ChecksumCRC64NVME": "rosUhgp5mIg=", "ChecksumType": "FULL_OBJECT"},
                      "ServerSideEncryption": "AES256"})
                same("list", s3.list_objects_v2(Bucket="parity-objects", Prefix="k", FetchOwner=True),
                     {"IsTruncated": False, "Name": "parity-objects", "Prefix": "k", "MaxKeys": 1000, "EncodingType": "url", "KeyCount": 1,
                      "Contents": [{"Key": "k", "LastModified": ANY, "ETag": etag, "ChecksumAlgorithm": ["CRC64NVME"], "ChecksumType": "FULL_OBJECT",
                                    "Size": 9, "StorageClass": "STANDARD", "Owner": OWNER}]})
                same("versions", s3.list_object_versions(Bucket="parity-objects", Prefix="k"),
                     {"IsTruncated": False, "KeyMarker": "", "VersionIdMarker": "", "Name": "parity-objects", "Prefix": "k", "MaxKeys": 1000,
                      "EncodingType": "url",
                      "Versions": [{"Key": "k", "VersionId": "null", "IsLatest": True, "LastModified": ANY, "ETag": etag, "Size": 9,
                                    "StorageClass": "STANDARD", "Owner": OWNER, "ChecksumAlgorithm": ["CRC64NVME"], "ChecksumType": "FULL_OBJECT"}]})
                buckets = s3.list_buckets()
                same("listBuckets", buckets, {"Buckets": ANY, "Owner": OWNER})
                same("acl", s3.get_bucket_acl(Bucket="parity-objects"),
                     {"Owner": OWNER, "Grants": [{"Grantee": {"ID": ANY, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]})
                same("objectAcl", s3.get_object_acl(Bucket="parity-objects", Key="k"),
                     {"Owner": OWNER, "Grants": [{"Grantee": {"ID": ANY, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]})
                same("noTags", s3.get_object_tagging(Bucket="parity-objects", Key="k"), {"TagSet": []})
                same("deleted", s3.delete_objects(Bucket="parity-objects", Delete={"Objects": [{"Key": "k"}, {"Key": "c"}], "Quiet": True}), {})
                up = s3.create_multipart_upload(Bucket="parity-objects", Key="m")
                same("uploads", s3.list_multipart_uploads(Bucket="parity-objects"),
                     {"Bucket": "parity-objects", "KeyMarker": "", "UploadIdMarker": "", "NextKeyMarker": "m", "NextUploadIdMarker": ANY,
                      "MaxUploads": 1000, "IsTruncated": False, "Prefix": "",
                      "Uploads": [{"UploadId": up["UploadId"], "Key": "m", "Initiated": ANY, "StorageClass": "STANDARD", "Owner": OWNER,
                                   "Initiator": OWNER}]})
                """);
    }

    @Test
    void noBucketsIsAnEmptyList() throws Exception {
        BotoParity.check(server, work, "222222222222", CLIENT + """
                same("listBuckets", s3.list_buckets(), {"Buckets": [], "Owner": OWNER})
                """);
    }

    @Test
    void locationConstraints() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="parity-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
                same("location", s3.get_bucket_location(Bucket="parity-eu"), {"LocationConstraint": "eu-west-1"})
                for constraint in ("aws-global", "mars-north-1", "us-east-1"):
                    same("invalid " + constraint, error_of(lambda: s3.create_bucket(Bucket="parity-bad",
                            CreateBucketConfiguration={"LocationConstraint": constraint})),
                         {"Code": "InvalidLocationConstraint", "Message": "The specified location-constraint is not valid",
                          "LocationConstraint": constraint})
                west = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-west-2")
                same("regional", error_of(lambda: west.create_bucket(Bucket="parity-mismatch",
                        CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})),
                     {"Code": "IllegalLocationConstraintException",
                      "Message": "The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to."})
                """);
    }

    @Test
    void taggingHeaderLifecycleHeaderAndCorsPreflight() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                import urllib.request
                s3.create_bucket(Bucket="parity-tags")
                malformed = "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."
                for header in ("a=1&a=2", "a=%ZZ", "a=<b>"):
                    same("tagging " + header, error_of(lambda: s3.put_object(Bucket="parity-tags", Key="t", Body=b"x", Tagging=header)),
                         {"Code": "InvalidArgument", "Message": malformed, "ArgumentName": "x-amz-tagging", "ArgumentValue": header})
                same("emptyKey", error_of(lambda: s3.put_object(Bucket="parity-tags", Key="t", Body=b"x", Tagging="=v")),
                     {"Code": "InvalidTag", "Message": "The TagKey you have provided is invalid", "TagKey": None})
                same("longValue", error_of(lambda: s3.put_object(Bucket="parity-tags", Key="t", Body=b"x", Tagging="k=" + "v" * 257)),
                     {"Code": "InvalidTag", "Message": "The TagValue you have provided is invalid", "TagKey": "k", "TagValue": "v" * 257})
                s3.put_object(Bucket="parity-tags", Key="t", Body=b"x", Tagging="team=a%20b&empty=")
                same("tags", s3.get_object_tagging(Bucket="parity-tags", Key="t"),
                     {"TagSet": [{"Key": "team", "Value": "a b"}, {"Key": "empty", "Value": ""}]})
                rules = [{"ID": "r", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 3}}]
                same("putLifecycle", s3.put_bucket_lifecycle_configuration(Bucket="parity-tags", LifecycleConfiguration={"Rules": rules},
                        TransitionDefaultMinimumObjectSize="varies_by_storage_class"),
                     {"TransitionDefaultMinimumObjectSize": "varies_by_storage_class"})
                same("getLifecycle", s3.get_bucket_lifecycle_configuration(Bucket="parity-tags"),
                     {"Rules": rules, "TransitionDefaultMinimumObjectSize": "varies_by_storage_class"})
                s3.put_bucket_cors(Bucket="parity-tags", CORSConfiguration={"CORSRules": [{"AllowedOrigins": ["https://example.com"],
                    "AllowedMethods": ["GET", "PUT"], "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 300}]})
                req = urllib.request.Request(ENDPOINT + "/parity-tags/t", method="OPTIONS", headers={"Origin": "https://example.com",
                    "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "Content-Type"})
                with urllib.request.urlopen(req) as resp:
                    cors = {k: v for k, v in resp.headers.items() if k.lower().startswith("access-control-") or k.lower() == "vary"}
                same("preflight", {k.lower(): v for k, v in cors.items()},
                     {"access-control-allow-origin": "https://example.com", "access-control-allow-methods": "GET, PUT",
                      "access-control-allow-headers": "content-type", "access-control-expose-headers": "ETag",
                      "access-control-max-age": "300", "access-control-allow-credentials": "true",
                      "vary": "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"})
                """);
    }

    @Test
    void metadataConfigurationsAndAbacAreStored() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="parity-meta")
                same("none", error_of(lambda: s3.get_bucket_metadata_configuration(Bucket="parity-meta")),
                     {"Code": "MetadataConfigurationNotFound", "Message": "The metadata table configuration does not exist.",
                      "BucketName": "parity-meta"})
                s3.create_bucket_metadata_configuration(Bucket="parity-meta", MetadataConfiguration={
                    "JournalTableConfiguration": {"RecordExpiration": {"Expiration": "ENABLED", "Days": 10}},
                    "InventoryTableConfiguration": {"ConfigurationState": "DISABLED"}})
                expected = {"DestinationResult": {"TableBucketArn": "arn:aws:s3tables:us-east-1:111111111111:bucket/aws-s3",
                                                  "TableBucketType": "aws", "TableNamespace": "b_parity-meta"},
                            "JournalTableConfigurationResult": {"TableStatus": "ACTIVE", "TableName": "journal",
                                                                "RecordExpiration": {"Expiration": "ENABLED", "Days": 10}},
                            "InventoryTableConfigurationResult": {"ConfigurationState": "DISABLED"}}
                same("v2", s3.get_bucket_metadata_configuration(Bucket="parity-meta"),
                     {"GetBucketMetadataConfigurationResult": {"MetadataConfigurationResult": expected}})
                s3.update_bucket_metadata_inventory_table_configuration(Bucket="parity-meta",
                    InventoryTableConfiguration={"ConfigurationState": "ENABLED"})
                s3.update_bucket_metadata_journal_table_configuration(Bucket="parity-meta",
                    JournalTableConfiguration={"RecordExpiration": {"Expiration": "DISABLED"}})
                expected["InventoryTableConfigurationResult"] = {"ConfigurationState": "ENABLED", "TableName": "inventory", "TableStatus": "ACTIVE"}
                expected["JournalTableConfigurationResult"]["RecordExpiration"] = {"Expiration": "DISABLED"}
                same("updated", s3.get_bucket_metadata_configuration(Bucket="parity-meta"),
                     {"GetBucketMetadataConfigurationResult": {"MetadataConfigurationResult": expected}})
                same("again", error_of(lambda: s3.create_bucket_metadata_table_configuration(Bucket="parity-meta",
                        MetadataTableConfiguration={"S3TablesDestination": {"TableBucketArn": "arn:aws:s3tables:us-east-1:111111111111:bucket/t",
                                                                            "TableName": "m"}})),
                     {"Code": "MetadataConfigurationAlreadyExists", "Message": "The metadata table configuration already exists.",
                      "BucketName": "parity-meta"})
                s3.delete_bucket_metadata_configuration(Bucket="parity-meta")
                s3.create_bucket_metadata_table_configuration(Bucket="parity-meta",
                    MetadataTableConfiguration={"S3TablesDestination": {"TableBucketArn": "arn:aws:s3tables:us-east-1:111111111111:bucket/t",
                                                                        "TableName": "m"}})
                same("v1", s3.get_bucket_metadata_table_configuration(Bucket="parity-meta"),
                     {"GetBucketMetadataTableConfigurationResult": {"Status": "ACTIVE", "MetadataTableConfigurationResult": {
                         "S3TablesDestinationResult": {"TableBucketArn": "arn:aws:s3tables:us-east-1:111111111111:bucket/t", "TableName": "m",
                                                       "TableNamespace": "aws_s3_metadata",
                                                       "TableArn": "arn:aws:s3tables:us-east-1:111111111111:bucket/t/table/m"}}}})
                s3.delete_bucket_metadata_table_configuration(Bucket="parity-meta")
                same("gone", error_of(lambda: s3.get_bucket_metadata_table_configuration(Bucket="parity-meta")),
                     {"Code": "MetadataConfigurationNotFound", "Message": ANY, "BucketName": "parity-meta"})
                same("abacDefault", s3.get_bucket_abac(Bucket="parity-meta"), {"AbacStatus": {"Status": "Disabled"}})
                s3.put_bucket_abac(Bucket="parity-meta", AbacStatus={"Status": "Enabled"})
                same("abac", s3.get_bucket_abac(Bucket="parity-meta"), {"AbacStatus": {"Status": "Enabled"}})
                """);
    }

    @Test
    void inputChecks() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="parity-checks")
                s3.put_object(Bucket="parity-checks", Key="k", Body=b"x")
                same("badOwner", error_of(lambda: s3.list_objects_v2(Bucket="parity-checks", ExpectedBucketOwner="abc")),
                     {"Code": "InvalidBucketOwnerAWSAccountID",
                      "Message": "The value of the expected bucket owner parameter must be an AWS Account ID... [abc]"})
                same("otherOwner", error_of(lambda: s3.get_object_tagging(Bucket="parity-checks", Key="k", ExpectedBucketOwner="999999999999")),
                     {"Code": "AccessDenied", "Message": "Access Denied"})
                same("rightOwner", s3.get_object_tagging(Bucket="parity-checks", Key="k", ExpectedBucketOwner="111111111111"), {"TagSet": []})
                same("otherSourceOwner", error_of(lambda: s3.copy_object(Bucket="parity-checks", Key="c", CopySource="parity-checks/k",
                                                                         ExpectedSourceBucketOwner="999999999999")),
                     {"Code": "AccessDenied", "Message": "Access Denied"})
                same("outposts", error_of(lambda: s3.put_object(Bucket="parity-checks", Key="o", Body=b"x", StorageClass="OUTPOSTS")),
                     {"Code": "InvalidStorageClass", "Message": "The storage class you specified is not valid", "StorageClassRequested": "OUTPOSTS"})
                same("versionMarker", error_of(lambda: s3.list_object_versions(Bucket="parity-checks", VersionIdMarker="v1")),
                     {"Code": "InvalidArgument", "Message": "A version-id marker cannot be specified without a key marker.",
                      "ArgumentName": "version-id-marker", "ArgumentValue": "v1"})
                malformed = {"Code": "MalformedXML",
                             "Message": "The XML you provided was not well-formed or did not validate against our published schema"}
                same("accelerate", error_of(lambda: s3.put_bucket_accelerate_configuration(Bucket="parity-checks",
                        AccelerateConfiguration={"Status": "Fast"})), malformed)
                same("payer", error_of(lambda: s3.put_bucket_request_payment(Bucket="parity-checks",
                        RequestPaymentConfiguration={"Payer": "Nobody"})), malformed)
                same("ownership", error_of(lambda: s3.put_bucket_ownership_controls(Bucket="parity-checks",
                        OwnershipControls={"Rules": [{"ObjectOwnership": "Mine"}]})), malformed)
                inventory = {"Id": "inv", "IsEnabled": True, "IncludedObjectVersions": "Current", "Schedule": {"Frequency": "Hourly"},
                             "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::parity-checks", "Format": "CSV"}}}
                same("inventory", error_of(lambda: s3.put_bucket_inventory_configuration(Bucket="parity-checks", Id="inv",
                        InventoryConfiguration=inventory)), malformed)
                """);
    }

    @Test
    void multipartUploadsGetTheDefaultChecksum() throws Exception {
        BotoParity.check(server, work, "111111111111", CLIENT + """
                s3.create_bucket(Bucket="parity-mpu")
                first, last = b"a" * (5 * 1024 * 1024), b"tail"
                whole = s3.put_object(Bucket="parity-mpu", Key="single", Body=first + last)["ChecksumCRC64NVME"]
                up = s3.create_multipart_upload(Bucket="parity-mpu", Key="m")["UploadId"]
                p1 = s3.upload_part(Bucket="parity-mpu", Key="m", UploadId=up, PartNumber=1, Body=first)
                same("part", p1, {"ETag": ANY, "ChecksumCRC64NVME": ANY, "ServerSideEncryption": "AES256"})
                p2 = s3.upload_part(Bucket="parity-mpu", Key="m", UploadId=up, PartNumber=2, Body=last)
                parts = s3.list_parts(Bucket="parity-mpu", Key="m", UploadId=up)["Parts"]
                same("listedPart", parts[1], {"PartNumber": 2, "LastModified": ANY, "ETag": p2["ETag"], "Size": 4,
                                              "ChecksumCRC64NVME": p2["ChecksumCRC64NVME"]})
                done = s3.complete_multipart_upload(Bucket="parity-mpu", Key="m", UploadId=up, MultipartUpload={"Parts": [
                    {"PartNumber": 1, "ETag": p1["ETag"]}, {"PartNumber": 2, "ETag": p2["ETag"]}]})
                same("complete", done, {"Location": ANY, "Bucket": "parity-mpu", "Key": "m", "ETag": ANY, "ChecksumCRC64NVME": whole,
                                        "ChecksumType": "FULL_OBJECT", "ServerSideEncryption": "AES256"})
                same("head", s3.head_object(Bucket="parity-mpu", Key="m", ChecksumMode="ENABLED"),
                     {"AcceptRanges": "bytes", "LastModified": ANY, "ContentLength": 5 * 1024 * 1024 + 4, "ETag": done["ETag"],
                      "ContentType": "binary/octet-stream", "ServerSideEncryption": "AES256", "Metadata": {},
                      "ChecksumCRC64NVME": whole, "ChecksumType": "FULL_OBJECT"})
                """);
    }
}
