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
 * Rekognition through boto3, comparing whole responses with the shapes AWS answers: collections
 * (CreateCollection's ARN without "arn:", DescribeCollection's with it), empty listings written as
 * empty lists, AWS's error codes and messages, ImageProperties of a flat image, and
 * DetectModerationLabels' honest empty answer, and empty face lists written as AWS writes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionBoto3IT {

    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(RekognitionClients.MODEL_CACHE);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void wholeResponsesMatchAws(@TempDir Path work) throws Exception {
        BotoParity.check(server, work, "111111111111", """
                import struct, zlib
                rek = boto3.client("rekognition", endpoint_url=ENDPOINT, region_name="us-east-1")
                def png(w, h, rgb):  # a plain RGB PNG with the standard library (no Pillow on a fresh machine)
                    def chunk(kind, data):
                        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
                    rows = b"".join(b"\\x00" + bytes(rgb) * w for _ in range(h))
                    return (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
                red = png(200, 120, (255, 0, 0))

                same("create", rek.create_collection(CollectionId="parity"), {
                    "StatusCode": 200,
                    "CollectionArn": "aws:rekognition:us-east-1:111111111111:collection/parity",
                    "FaceModelVersion": "haneul-1.0"})
                same("describe", rek.describe_collection(CollectionId="parity"), {
                    "FaceCount": 0, "UserCount": 0, "FaceModelVersion": "haneul-1.0",
                    "CollectionARN": "arn:aws:rekognition:us-east-1:111111111111:collection/parity",
                    "CreationTimestamp": ANY})
                same("list_faces", rek.list_faces(CollectionId="parity"), {"Faces": [], "FaceModelVersion": "haneul-1.0"})
                same("list_users", rek.list_users(CollectionId="parity"), {"Users": []})
                same("tags", rek.list_tags_for_resource(
                    ResourceArn="arn:aws:rekognition:us-east-1:111111111111:collection/parity"), {"Tags": {}})
                same("missing", error_of(lambda: rek.describe_collection(CollectionId="nope")), {
                    "Code": "ResourceNotFoundException", "Message": "The collection id: nope does not exist"})
                same("exists", error_of(lambda: rek.create_collection(CollectionId="parity")), {
                    "Code": "ResourceAlreadyExistsException", "Message": "The collection id: parity already exists"})
                same("format", error_of(lambda: rek.detect_labels(Image={"Bytes": b"GIF89a not an image"})), {
                    "Code": "InvalidImageFormatException", "Message": "Request has invalid image format"})
                same("moderation", rek.detect_moderation_labels(Image={"Bytes": red}), {
                    "ModerationLabels": [], "ModerationModelVersion": "haneul-none"})
                same("properties", rek.detect_labels(Image={"Bytes": red}, Features=["IMAGE_PROPERTIES"]), {
                    "Labels": [], "LabelModelVersion": "haneul-coco-1.0",
                    "ImageProperties": {
                        "Quality": {"Brightness": ANY, "Sharpness": 0.0, "Contrast": 0.0},
                        "DominantColors": [{"Red": 255, "Green": 0, "Blue": 0, "HexCode": "#ff0000", "CSSColor": "red",
                                            "SimplifiedColor": "red", "PixelPercent": 100.0}]}})
                same("no faces", rek.detect_faces(Image={"Bytes": red}), {"FaceDetails": []})
                same("no celebrities", rek.recognize_celebrities(Image={"Bytes": red}), {"CelebrityFaces": [], "UnrecognizedFaces": []})
                same("delete", rek.delete_collection(CollectionId="parity"), {"StatusCode": 200})
                """);
    }
}
