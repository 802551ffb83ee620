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
}
