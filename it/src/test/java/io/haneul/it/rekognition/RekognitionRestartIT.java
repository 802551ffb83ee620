package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

import java.nio.file.Path;
import java.time.Clock;

import static io.haneul.it.rekognition.RekognitionClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Indexed faces, their embeddings and users survive a restart: a new server on the same data finds the person. */
class RekognitionRestartIT {

    @Test
    void facesAndUsersSurviveARestart() throws Exception {
        Path dir;
        String faceId;
        try (TestServer first = TestServer.start(RekognitionClients.MODEL_CACHE); RekognitionClients c = new RekognitionClients(first)) {
            dir = first.dataDir();
            c.rek.createCollection(b -> b.collectionId("kept"));
            faceId = c.rek.indexFaces(b -> b.collectionId("kept").image(bytes(Pictures.photo("astronaut.jpg"))).externalImageId("collins"))
                    .faceRecords().getFirst().face().faceId();
            c.rek.indexFaces(b -> b.collectionId("kept").image(bytes(Pictures.photo("grace_hopper.jpg"))).externalImageId("hopper"));
            c.rek.createUser(b -> b.collectionId("kept").userId("eileen"));
            c.rek.associateFaces(b -> b.collectionId("kept").userId("eileen").faceIds(faceId));
        }
        try (TestServer second = TestServer.startIn(dir, Clock.systemUTC(), RekognitionClients.MODEL_CACHE);
             RekognitionClients c = new RekognitionClients(second)) {
            assertEquals(2L, c.rek.describeCollection(b -> b.collectionId("kept")).faceCount());
            SearchFacesByImageResponse r = c.rek.searchFacesByImage(b -> b.collectionId("kept").faceMatchThreshold(90f)
                    .image(bytes(Pictures.variant("astronaut.jpg", 0.85, 5, 10))));
            assertEquals(1, r.faceMatches().size(), r.toString());
            assertEquals(faceId, r.faceMatches().getFirst().face().faceId());
            assertEquals("eileen", r.faceMatches().getFirst().face().userId());
            assertEquals("eileen", c.rek.searchUsersByImage(b -> b.collectionId("kept").userMatchThreshold(90f)
                    .image(bytes(Pictures.photo("astronaut.jpg")))).userMatches().getFirst().user().userId());
        }
    }
}
