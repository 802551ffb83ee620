package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ClientRequestToken on the user operations: a retry with the same token and request answers the
 * first response without doing the work again (a second CreateUser is no ConflictException, a second
 * DeleteUser no ResourceNotFoundException); the same token with another request is
 * IdempotentParameterMismatchException; a new token does the work (and its errors) again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionUserTokensIT {

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = TestServer.start(RekognitionClients.MODEL_CACHE);
        c = new RekognitionClients(server);
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    @Test
    void aRepeatedTokenAnswersTheFirstResponse() {
        c.rek.createCollection(b -> b.collectionId("tokens"));
        c.rek.createUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("create-ada"));
        c.rek.createUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("create-ada"));
        expectError("ConflictException", 400, () -> c.rek.createUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("create-ada-2")));
        expectError("IdempotentParameterMismatchException", 400,
                () -> c.rek.createUser(b -> b.collectionId("tokens").userId("grace").clientRequestToken("create-ada")));
        assertEquals(1, c.rek.listUsers(b -> b.collectionId("tokens")).users().size());

        assertEquals("CREATED", c.rek.associateFaces(b -> b.collectionId("tokens").userId("ada")
                .faceIds("11111111-1111-1111-1111-111111111111").clientRequestToken("assoc")).userStatusAsString());
        assertEquals("11111111-1111-1111-1111-111111111111", c.rek.associateFaces(b -> b.collectionId("tokens").userId("ada")
                .faceIds("11111111-1111-1111-1111-111111111111").clientRequestToken("assoc")).unsuccessfulFaceAssociations().getFirst().faceId());
        c.rek.disassociateFaces(b -> b.collectionId("tokens").userId("ada").faceIds("11111111-1111-1111-1111-111111111111")
                .clientRequestToken("dis"));
        expectError("IdempotentParameterMismatchException", 400, () -> c.rek.disassociateFaces(b -> b.collectionId("tokens").userId("ada")
                .faceIds("22222222-2222-2222-2222-222222222222").clientRequestToken("dis")));

        c.rek.deleteUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("delete-ada"));
        c.rek.deleteUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("delete-ada"));
        expectError("ResourceNotFoundException", 400, () -> c.rek.deleteUser(b -> b.collectionId("tokens").userId("ada").clientRequestToken("delete-ada-2")));
        assertEquals(0, c.rek.listUsers(b -> b.collectionId("tokens")).users().size());
    }
}
