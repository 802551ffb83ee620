package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.rekognition.model.GetFaceLivenessSessionResultsResponse;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Face Liveness sessions through the SDK v2: a session answers CREATED with no confidence and no images
 * (no video ever reaches it here), a repeated ClientRequestToken answers the same session, the same token
 * with other settings is InvalidParameterException (the operation models no mismatch error), an unknown
 * session SessionNotFoundException.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionLivenessIT {

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = TestServer.start();
        c = new RekognitionClients(server);
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void aSessionWaitsForAVideoThatNeverComes() {
        String id = c.rek.createFaceLivenessSession(b -> b.clientRequestToken("check-1")
                .settings(s -> s.auditImagesLimit(2).outputConfig(o -> o.s3Bucket("liveness-out")))).sessionId();
        assertEquals(id, c.rek.createFaceLivenessSession(b -> b.clientRequestToken("check-1")
                .settings(s -> s.auditImagesLimit(2).outputConfig(o -> o.s3Bucket("liveness-out")))).sessionId());
        expectError("InvalidParameterException", 400, () -> c.rek.createFaceLivenessSession(b -> b.clientRequestToken("check-1")
                .settings(s -> s.auditImagesLimit(4))));
        assertNotEquals(id, c.rek.createFaceLivenessSession(b -> b.clientRequestToken("check-2")).sessionId());

        GetFaceLivenessSessionResultsResponse r = c.rek.getFaceLivenessSessionResults(b -> b.sessionId(id));
        assertEquals(id, r.sessionId());
        assertEquals("CREATED", r.statusAsString());
        assertNull(r.confidence());
        assertNull(r.referenceImage());
        expectError("SessionNotFoundException", 400,
                () -> c.rek.getFaceLivenessSessionResults(b -> b.sessionId("00000000-0000-4000-8000-000000000000")));
    }
}
