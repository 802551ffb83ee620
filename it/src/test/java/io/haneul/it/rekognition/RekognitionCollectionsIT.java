package io.haneul.it.rekognition;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.rekognition.model.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.haneul.it.rekognition.RekognitionClients.ACCOUNT;
import static io.haneul.it.rekognition.RekognitionClients.bytes;
import static io.haneul.it.rekognition.RekognitionClients.expectError;
import static io.haneul.it.rekognition.RekognitionClients.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Face collections through the SDK v2 on the real models: collections and their tags, IndexFaces with
 * MaxFaces and the quality bar, ListFaces and DeleteFaces, a collection of a few people that finds the
 * right one (SearchFacesByImage, SearchFaces), and users (create, associate, search, disassociate,
 * delete). {@link RekognitionCollectionsPostgresIT} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekognitionCollectionsIT {

    TestServer server;
    RekognitionClients c;

    @BeforeAll
    void start() {
        server = newServer();
        c = new RekognitionClients(server);
    }

    /** The server under test: embedded SQLite here. */
    TestServer newServer() {
        return TestServer.start(RekognitionClients.MODEL_CACHE);
    }

    @AfterAll
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private String collection() {
        String id = name("faces");
        c.rek.createCollection(b -> b.collectionId(id));
        return id;
    }

    /** Indexes the one face of a portrait with no quality bar (the bars are tested on their own). */
    private IndexFacesResponse index(String collection, byte[] image, String externalId) {
        IndexFacesResponse r = c.rek.indexFaces(b -> b.collectionId(collection).image(bytes(image)).externalImageId(externalId)
                .qualityFilter(QualityFilter.NONE));
        assertTrue(r.faceRecords().size() <= 1 && r.unindexedFaces().isEmpty(), externalId + ": " + r);
        return r;
    }

    @Test
    void autoQualityLeavesOutAFaceSeenInProfile() {
        String id = collection();
        // the cameraman looks into his camera, his head turned about 50 degrees away: past AUTO's 45
        IndexFacesResponse profile = c.rek.indexFaces(b -> b.collectionId(id).image(bytes(Pictures.photo("cameraman.jpg"))));
        assertTrue(profile.faceRecords().isEmpty(), profile.toString());
        assertEquals(List.of(Reason.EXTREME_POSE), profile.unindexedFaces().getFirst().reasons());
        assertEquals(1, c.rek.indexFaces(b -> b.collectionId(id).image(bytes(Pictures.variant("astronaut.jpg", 0.8, 8, 20))))
                .faceRecords().size(), "a portrait passes AUTO");
        assertEquals(1, c.rek.indexFaces(b -> b.collectionId(id).image(bytes(Pictures.photo("cameraman.jpg"))).qualityFilter(QualityFilter.LOW))
                .faceRecords().size(), "and LOW lets the profile in");
    }

    @Test
    void collectionLifecycleAndPaging() {
        String id = name("life");
        Instant before = Instant.now().minusSeconds(1);
        CreateCollectionResponse created = c.rek.createCollection(b -> b.collectionId(id));
        assertEquals(200, created.statusCode());
        assertEquals("aws:rekognition:us-east-1:" + ACCOUNT + ":collection/" + id, created.collectionArn());
        assertEquals("haneul-1.0", created.faceModelVersion());
        var e = expectError("ResourceAlreadyExistsException", 400, () -> c.rek.createCollection(b -> b.collectionId(id)));
        assertEquals("The collection id: " + id + " already exists", e.awsErrorDetails().errorMessage());
        DescribeCollectionResponse d = c.rek.describeCollection(b -> b.collectionId(id));
        assertEquals("arn:aws:rekognition:us-east-1:" + ACCOUNT + ":collection/" + id, d.collectionARN());
        assertEquals(0L, d.faceCount());
        assertEquals(0L, d.userCount());
        assertTrue(!d.creationTimestamp().isBefore(before) && !d.creationTimestamp().isAfter(Instant.now()), d.creationTimestamp().toString());
        List<String> ids = new ArrayList<>(List.of(id));
        for (int i = 0; i < 3; i++) {
            ids.add(collection());
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListCollectionsResponse page = c.rek.listCollections(b -> b.maxResults(2).nextToken(t));
            assertEquals(page.collectionIds().size(), page.faceModelVersions().size());
            listed.addAll(page.collectionIds());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertTrue(listed.containsAll(ids), listed.toString());
        assertTrue(pages >= 2);
        assertEquals(200, c.rek.deleteCollection(b -> b.collectionId(id)).statusCode());
        e = expectError("ResourceNotFoundException", 400, () -> c.rek.describeCollection(b -> b.collectionId(id)));
        assertEquals("The collection id: " + id + " does not exist", e.awsErrorDetails().errorMessage());
        expectError("ResourceNotFoundException", 400, () -> c.rek.deleteCollection(b -> b.collectionId(id)));
        expectError("InvalidPaginationTokenException", 400, () -> c.rek.listCollections(b -> b.nextToken("%%%not-a-token")));
    }

    @Test
    void tagsOnCollections() {
        String id = name("tagged");
        c.rek.createCollection(b -> b.collectionId(id).tags(Map.of("team", "vision")));
        String arn = c.rek.describeCollection(b -> b.collectionId(id)).collectionARN();
        assertEquals(Map.of("team", "vision"), c.rek.listTagsForResource(b -> b.resourceArn(arn)).tags());
        c.rek.tagResource(b -> b.resourceArn(arn).tags(Map.of("env", "test", "team", "faces")));
        assertEquals(Map.of("team", "faces", "env", "test"), c.rek.listTagsForResource(b -> b.resourceArn(arn)).tags());
        c.rek.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(Map.of("env", "test"), c.rek.listTagsForResource(b -> b.resourceArn(arn)).tags());
        expectError("ResourceNotFoundException", 400, () -> c.rek.listTagsForResource(b -> b.resourceArn(arn + "-gone")));
    }

    @Test
    void aCollectionOfAFewPeopleFindsTheRightOne() {
        String id = collection();
        IndexFacesResponse collins = index(id, Pictures.photo("astronaut.jpg"), "collins");
        assertEquals(1, collins.faceRecords().size());
        Face face = collins.faceRecords().getFirst().face();
        assertEquals("collins", face.externalImageId());
        assertEquals("haneul-1.0", face.indexFacesModelVersion());
        assertEquals("haneul-1.0", collins.faceModelVersion());
        assertNull(collins.orientationCorrection());
        index(id, Pictures.photo("grace_hopper.jpg"), "hopper");
        index(id, Pictures.photo("cameraman.jpg"), "cameraman");
        IndexFacesResponse none = index(id, Pictures.photo("coffee.jpg"), "coffee");
        assertTrue(none.faceRecords().isEmpty() && none.unindexedFaces().isEmpty());
        assertEquals(3L, c.rek.describeCollection(b -> b.collectionId(id)).faceCount());

        // the models put different people close under AWS's default of 80 (about 79 at worst): the bar here is 90
        for (String[] probe : new String[][]{{"astronaut.jpg", "collins"}, {"grace_hopper.jpg", "hopper"}}) {
            SearchFacesByImageResponse top = c.rek.searchFacesByImage(b -> b.collectionId(id)
                    .image(bytes(Pictures.variant(probe[0], 0.85, -6, 12))).faceMatchThreshold(0f));
            assertEquals(probe[1], top.faceMatches().getFirst().face().externalImageId(), probe[0] + ": " + top.faceMatches());
            SearchFacesByImageResponse r = c.rek.searchFacesByImage(b -> b.collectionId(id)
                    .image(bytes(Pictures.variant(probe[0], 0.85, -6, 12))).faceMatchThreshold(90f));
            assertEquals(1, r.faceMatches().size(), probe[0] + ": " + r.faceMatches());
            assertEquals(probe[1], r.faceMatches().getFirst().face().externalImageId());
            assertTrue(r.searchedFaceConfidence() > 50);
        }
        SearchFacesByImageResponse everyone = c.rek.searchFacesByImage(b -> b.collectionId(id).image(bytes(Pictures.photo("astronaut.jpg")))
                .faceMatchThreshold(0f).maxFaces(2));
        assertEquals(2, everyone.faceMatches().size());
        assertEquals("collins", everyone.faceMatches().getFirst().face().externalImageId());
        assertTrue(everyone.faceMatches().get(0).similarity() >= everyone.faceMatches().get(1).similarity());
        expectError("InvalidParameterException", 400, () -> c.rek.searchFacesByImage(b -> b.collectionId(id).image(bytes(Pictures.photo("cat.jpg")))));

        SearchFacesResponse byId = c.rek.searchFaces(b -> b.collectionId(id).faceId(face.faceId()).faceMatchThreshold(0f));
        assertEquals(face.faceId(), byId.searchedFaceId());
        assertEquals(2, byId.faceMatches().size(), "every other face, never itself");
        assertTrue(byId.faceMatches().stream().noneMatch(m -> m.face().faceId().equals(face.faceId())));
        assertTrue(c.rek.searchFaces(b -> b.collectionId(id).faceId(face.faceId()).faceMatchThreshold(90f)).faceMatches().isEmpty(),
                "nobody else is Collins");
    }

    @Test
    void indexFacesKeepsTheLargestAndSaysWhyOthersWereLeftOut() {
        String id = collection();
        IndexFacesResponse two = c.rek.indexFaces(b -> b.collectionId(id).maxFaces(1)
                .image(bytes(Pictures.sideBySide("astronaut.jpg", "grace_hopper.jpg"))).detectionAttributesWithStrings("ALL"));
        assertEquals(1, two.faceRecords().size());
        assertEquals(1, two.unindexedFaces().size());
        assertEquals(List.of(Reason.EXCEEDS_MAX_FACES), two.unindexedFaces().getFirst().reasons());
        assertTrue(two.faceRecords().getFirst().faceDetail().ageRange() != null, "DetectionAttributes ALL");
        BoundingBox kept = two.faceRecords().getFirst().face().boundingBox();
        BoundingBox left = two.unindexedFaces().getFirst().faceDetail().boundingBox();
        assertTrue(kept.width() * kept.height() >= left.width() * left.height(), "the largest face is indexed");
        IndexFacesResponse strict = c.rek.indexFaces(b -> b.collectionId(id).qualityFilter(QualityFilter.HIGH)
                .image(bytes(Pictures.variant("astronaut.jpg", 0.25, 0, 0))));
        assertTrue(strict.faceRecords().isEmpty(), strict.toString());
        assertEquals(1, strict.unindexedFaces().size(), strict.toString());
        assertTrue(List.of(Reason.SMALL_BOUNDING_BOX, Reason.LOW_CONFIDENCE).contains(strict.unindexedFaces().getFirst().reasons().getFirst()),
                strict.toString());
        expectError("ResourceNotFoundException", 400, () -> c.rek.indexFaces(b -> b.collectionId("no-such-collection")
                .image(bytes(Pictures.photo("astronaut.jpg")))));
    }

    @Test
    void listAndDeleteFaces() {
        String id = collection();
        List<String> faceIds = new ArrayList<>();
        for (String photo : List.of("astronaut.jpg", "grace_hopper.jpg", "cameraman.jpg")) {
            faceIds.add(index(id, Pictures.photo(photo), photo.replace(".jpg", "")).faceRecords().getFirst().face().faceId());
        }
        ListFacesResponse first = c.rek.listFaces(b -> b.collectionId(id).maxResults(2));
        assertEquals(2, first.faces().size());
        ListFacesResponse second = c.rek.listFaces(b -> b.collectionId(id).maxResults(2).nextToken(first.nextToken()));
        assertEquals(1, second.faces().size());
        assertNull(second.nextToken());
        assertEquals("haneul-1.0", first.faceModelVersion());
        assertEquals(List.of(faceIds.get(1)), c.rek.listFaces(b -> b.collectionId(id).faceIds(faceIds.get(1))).faces().stream().map(Face::faceId).toList());
        DeleteFacesResponse deleted = c.rek.deleteFaces(b -> b.collectionId(id).faceIds(faceIds.getFirst(), "11111111-2222-3333-4444-555555555555"));
        assertEquals(List.of(faceIds.getFirst()), deleted.deletedFaces());
        assertEquals(List.of(UnsuccessfulFaceDeletionReason.FACE_NOT_FOUND), deleted.unsuccessfulFaceDeletions().getFirst().reasons());
        assertEquals(2L, c.rek.describeCollection(b -> b.collectionId(id)).faceCount());
        // the deleted face is no longer found by a search
        SearchFacesByImageResponse r = c.rek.searchFacesByImage(b -> b.collectionId(id).image(bytes(Pictures.photo("astronaut.jpg")))
                .faceMatchThreshold(90f));
        assertTrue(r.faceMatches().isEmpty(), r.faceMatches().toString());
    }

    @Test
    void usersGroupFacesAndAreSearchedAsOne() {
        String id = collection();
        String collinsA = index(id, Pictures.photo("astronaut.jpg"), "a").faceRecords().getFirst().face().faceId();
        String collinsB = index(id, Pictures.variant("astronaut.jpg", 0.8, 8, 20), "b").faceRecords().getFirst().face().faceId();
        String hopper = index(id, Pictures.photo("grace_hopper.jpg"), "h").faceRecords().getFirst().face().faceId();
        c.rek.createUser(b -> b.collectionId(id).userId("eileen"));
        c.rek.createUser(b -> b.collectionId(id).userId("grace"));
        expectError("ConflictException", 400, () -> c.rek.createUser(b -> b.collectionId(id).userId("eileen")));
        assertEquals(List.of("CREATED", "CREATED"), c.rek.listUsers(b -> b.collectionId(id)).users().stream().map(User::userStatusAsString).toList());

        AssociateFacesResponse a = c.rek.associateFaces(b -> b.collectionId(id).userId("eileen").userMatchThreshold(90f)
                .faceIds(collinsA, collinsB, hopper, "11111111-2222-3333-4444-555555555555"));
        assertEquals(List.of(collinsA, collinsB), a.associatedFaces().stream().map(AssociatedFace::faceId).toList());
        assertEquals(2, a.unsuccessfulFaceAssociations().size());
        UnsuccessfulFaceAssociation notHer = a.unsuccessfulFaceAssociations().getFirst();
        assertEquals(hopper, notHer.faceId());
        assertEquals(List.of(UnsuccessfulFaceAssociationReason.LOW_MATCH_CONFIDENCE), notHer.reasons());
        assertTrue(notHer.confidence() < 90);
        assertEquals(List.of(UnsuccessfulFaceAssociationReason.FACE_NOT_FOUND), a.unsuccessfulFaceAssociations().get(1).reasons());
        assertEquals(UserStatus.ACTIVE, a.userStatus());
        c.rek.associateFaces(b -> b.collectionId(id).userId("grace").faceIds(hopper));
        AssociateFacesResponse taken = c.rek.associateFaces(b -> b.collectionId(id).userId("grace").faceIds(collinsA));
        assertEquals(List.of(UnsuccessfulFaceAssociationReason.ASSOCIATED_TO_A_DIFFERENT_USER), taken.unsuccessfulFaceAssociations().getFirst().reasons());
        assertEquals(java.util.Set.of(collinsA, collinsB), java.util.Set.copyOf(c.rek.listFaces(b -> b.collectionId(id).userId("eileen")).faces()
                .stream().map(Face::faceId).toList()));

        SearchUsersByImageResponse byImage = c.rek.searchUsersByImage(b -> b.collectionId(id).userMatchThreshold(90f)
                .image(bytes(Pictures.variant("astronaut.jpg", 0.9, -5, 5))));
        assertEquals(List.of("eileen"), byImage.userMatches().stream().map(m -> m.user().userId()).toList());
        assertTrue(byImage.searchedFace().faceDetail().boundingBox() != null);
        SearchUsersByImageResponse two = c.rek.searchUsersByImage(b -> b.collectionId(id).image(bytes(Pictures.sideBySide("astronaut.jpg", "grace_hopper.jpg"))));
        assertEquals(1, two.unsearchedFaces().size());
        assertEquals(List.of(UnsearchedFaceReason.FACE_NOT_LARGEST), two.unsearchedFaces().getFirst().reasons());
        SearchUsersResponse byFace = c.rek.searchUsers(b -> b.collectionId(id).faceId(collinsA).userMatchThreshold(90f));
        assertEquals(List.of("eileen"), byFace.userMatches().stream().map(m -> m.user().userId()).toList());
        assertEquals(collinsA, byFace.searchedFace().faceId());
        SearchUsersResponse byUser = c.rek.searchUsers(b -> b.collectionId(id).userId("eileen").userMatchThreshold(0f));
        assertEquals(List.of("grace"), byUser.userMatches().stream().map(m -> m.user().userId()).toList(), "other users only");
        assertEquals("eileen", byUser.searchedUser().userId());
        expectError("InvalidParameterException", 400, () -> c.rek.searchUsers(b -> b.collectionId(id).userId("eileen").faceId(collinsA)));

        DeleteFacesResponse refused = c.rek.deleteFaces(b -> b.collectionId(id).faceIds(collinsB));
        assertEquals(List.of(UnsuccessfulFaceDeletionReason.ASSOCIATED_TO_AN_EXISTING_USER), refused.unsuccessfulFaceDeletions().getFirst().reasons());
        assertEquals("eileen", refused.unsuccessfulFaceDeletions().getFirst().userId());
        DisassociateFacesResponse d = c.rek.disassociateFaces(b -> b.collectionId(id).userId("eileen").faceIds(collinsB, hopper));
        assertEquals(List.of(collinsB), d.disassociatedFaces().stream().map(DisassociatedFace::faceId).toList());
        assertEquals(List.of(UnsuccessfulFaceDisassociationReason.ASSOCIATED_TO_A_DIFFERENT_USER),
                d.unsuccessfulFaceDisassociations().getFirst().reasons());
        assertEquals(List.of(collinsB), c.rek.deleteFaces(b -> b.collectionId(id).faceIds(collinsB)).deletedFaces());

        c.rek.deleteUser(b -> b.collectionId(id).userId("eileen"));
        assertEquals(List.of("grace"), c.rek.listUsers(b -> b.collectionId(id)).users().stream().map(User::userId).toList());
        assertNull(c.rek.listFaces(b -> b.collectionId(id).faceIds(collinsA)).faces().getFirst().userId(), "the user's faces stay, unassociated");
        expectError("ResourceNotFoundException", 400, () -> c.rek.deleteUser(b -> b.collectionId(id).userId("eileen")));
        assertEquals(1L, c.rek.describeCollection(b -> b.collectionId(id)).userCount());
    }
}
