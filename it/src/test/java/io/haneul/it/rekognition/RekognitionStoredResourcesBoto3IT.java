package io.haneul.it.rekognition;

import io.haneul.it.support.BotoParity;
import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Stream processors, Custom Labels projects and Face Liveness sessions through boto3, comparing whole
 * responses with the shapes AWS answers: members never set are absent, empty listings are empty lists,
 * errors carry AWS's codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionStoredResourcesBoto3IT {

    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void wholeResponsesMatchAws(@TempDir Path work) throws Exception {
        BotoParity.check(server, work, "111111111111", """
                rek = boto3.client("rekognition", endpoint_url=ENDPOINT, region_name="us-east-1")
                same("no processors", rek.list_stream_processors(), {"StreamProcessors": []})
                rek.create_collection(CollectionId="lobby")
                kvs = {"KinesisVideoStream": {"Arn": "arn:aws:kinesisvideo:us-east-1:111111111111:stream/lobby/1"}}
                out = {"KinesisDataStream": {"Arn": "arn:aws:kinesis:us-east-1:111111111111:stream/faces"}}
                settings = {"FaceSearch": {"CollectionId": "lobby", "FaceMatchThreshold": 90.0}}
                role = "arn:aws:iam::111111111111:role/rek"
                same("create", rek.create_stream_processor(Name="lobby", Input=kvs, Output=out, Settings=settings, RoleArn=role),
                     {"StreamProcessorArn": "arn:aws:rekognition:us-east-1:111111111111:streamprocessor/lobby"})
                same("describe", rek.describe_stream_processor(Name="lobby"), {
                    "Name": "lobby", "StreamProcessorArn": "arn:aws:rekognition:us-east-1:111111111111:streamprocessor/lobby",
                    "Status": "STOPPED", "CreationTimestamp": ANY, "LastUpdateTimestamp": ANY,
                    "Input": kvs, "Output": out, "RoleArn": role, "Settings": settings})
                same("start", rek.start_stream_processor(Name="lobby"), {"SessionId": ANY})
                same("list", rek.list_stream_processors(), {"StreamProcessors": [{"Name": "lobby", "Status": "RUNNING"}]})
                same("stop", rek.stop_stream_processor(Name="lobby"), {})
                same("tags", rek.list_tags_for_resource(ResourceArn="arn:aws:rekognition:us-east-1:111111111111:streamprocessor/lobby"),
                     {"Tags": {}})
                same("delete", rek.delete_stream_processor(Name="lobby"), {})
                same("missing", error_of(lambda: rek.describe_stream_processor(Name="lobby")), {
                    "Code": "ResourceNotFoundException", "Message": "StreamProcessor with name lobby does not exist"})

                same("no projects", rek.describe_projects(), {"ProjectDescriptions": []})
                arn = rek.create_project(ProjectName="widgets")["ProjectArn"]
                same("projects", rek.describe_projects(), {"ProjectDescriptions": [{
                    "ProjectArn": arn, "CreationTimestamp": ANY, "Status": "CREATED", "Datasets": [], "Feature": "CUSTOM_LABELS"}]})
                same("no versions", rek.describe_project_versions(ProjectArn=arn), {"ProjectVersionDescriptions": []})
                same("delete project", rek.delete_project(ProjectArn=arn), {"Status": "DELETING"})
                same("project gone", error_of(lambda: rek.delete_project(ProjectArn=arn)), {
                    "Code": "ResourceNotFoundException", "Message": "The resource " + arn + " does not exist"})

                session = rek.create_face_liveness_session()["SessionId"]
                same("liveness", rek.get_face_liveness_session_results(SessionId=session), {"SessionId": session, "Status": "CREATED"})
                same("no session", error_of(lambda: rek.get_face_liveness_session_results(SessionId="00000000-0000-4000-8000-000000000000")),
                     {"Code": "SessionNotFoundException", "Message": "Session 00000000-0000-4000-8000-000000000000 not found"})
                """);
    }

    @Test
    void projectPoliciesAndBulkAnalysisJobsMatchAws(@TempDir Path work) throws Exception {
        BotoParity.check(server, work, "111111111111", """
                import time
                rek = boto3.client("rekognition", endpoint_url=ENDPOINT, region_name="us-east-1")
                s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
                arn = rek.create_project(ProjectName="shared-models")["ProjectArn"]
                same("no policies", rek.list_project_policies(ProjectArn=arn), {"ProjectPolicies": []})
                doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "rekognition:CopyProjectVersion", "Resource": "*"}]})
                put = rek.put_project_policy(ProjectArn=arn, PolicyName="partner", PolicyDocument=doc)
                same("put", put, {"PolicyRevisionId": ANY})
                same("policies", rek.list_project_policies(ProjectArn=arn), {"ProjectPolicies": [{"ProjectArn": arn, "PolicyName": "partner",
                    "PolicyRevisionId": put["PolicyRevisionId"], "PolicyDocument": doc, "CreationTimestamp": ANY, "LastUpdatedTimestamp": ANY}]})
                same("stale", error_of(lambda: rek.put_project_policy(ProjectArn=arn, PolicyName="partner", PolicyDocument=doc,
                     PolicyRevisionId="0123abcd")), {"Code": "InvalidPolicyRevisionIdException", "Message": ANY})
                same("malformed", error_of(lambda: rek.put_project_policy(ProjectArn=arn, PolicyName="p2", PolicyDocument="{nope")),
                     {"Code": "MalformedPolicyDocumentException", "Message": ANY})
                same("delete policy", rek.delete_project_policy(ProjectArn=arn, PolicyName="partner",
                     PolicyRevisionId=put["PolicyRevisionId"]), {})

                s3.create_bucket(Bucket="bulk-in")
                s3.create_bucket(Bucket="bulk-out")
                s3.put_object(Bucket="bulk-in", Key="manifest.jsonl", Body=b'{"source-ref": "s3://bulk-in/missing.jpg"}\\n')
                job = rek.start_media_analysis_job(JobName="audit", Input={"S3Object": {"Bucket": "bulk-in", "Name": "manifest.jsonl"}},
                    OperationsConfig={"DetectModerationLabels": {"MinConfidence": 50.0}},
                    OutputConfig={"S3Bucket": "bulk-out", "S3KeyPrefix": "audits"})
                same("start", job, {"JobId": ANY})
                got = rek.get_media_analysis_job(JobId=job["JobId"])
                for _ in range(600):
                    if got["Status"] in ("SUCCEEDED", "FAILED"):
                        break
                    time.sleep(0.1)
                    got = rek.get_media_analysis_job(JobId=job["JobId"])
                done = {"JobId": job["JobId"], "JobName": "audit", "Status": "SUCCEEDED",
                    "OperationsConfig": {"DetectModerationLabels": {"MinConfidence": 50.0}},
                    "CreationTimestamp": ANY, "CompletionTimestamp": ANY,
                    "Input": {"S3Object": {"Bucket": "bulk-in", "Name": "manifest.jsonl"}},
                    "OutputConfig": {"S3Bucket": "bulk-out", "S3KeyPrefix": "audits"},
                    "Results": {"S3Object": {"Bucket": "bulk-out", "Name": "audits/" + job["JobId"] + "/results/results.jsonl"},
                                "ModelVersions": {"Moderation": "haneul-none"}},
                    "ManifestSummary": {"S3Object": {"Bucket": "bulk-out", "Name": "audits/" + job["JobId"] + "/results/manifest-summary.json"}}}
                same("get", got, done)
                same("list", rek.list_media_analysis_jobs(), {"MediaAnalysisJobs": [done]})
                same("no job", error_of(lambda: rek.get_media_analysis_job(JobId="nope")), {"Code": "ResourceNotFoundException", "Message": ANY})
                summary = json.loads(s3.get_object(Bucket="bulk-out", Key="audits/" + job["JobId"] + "/results/manifest-summary.json")["Body"].read())
                same("summary", summary, {"version": "1.0", "statistics": {"total-json-lines": 1, "valid-json-lines": 0, "invalid-json-lines": 1},
                    "errors": [{"line-number": 1, "source-ref": "s3://bulk-in/missing.jpg", "code": "InvalidS3ObjectException", "message": ANY}]})
                """);
    }
}
