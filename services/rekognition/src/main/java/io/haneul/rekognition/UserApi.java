package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.rekognition.collections.CollectionService;
import io.haneul.rekognition.collections.Page;
import io.haneul.rekognition.collections.UserService;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.faces.FaceQualityFilter;
import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.image.UprightImage;
import io.haneul.rekognition.store.StoredFace;
import software.amazon.awssdk.services.rekognition.model.*;

import java.util.ArrayList;
import java.util.List;

import static io.haneul.rekognition.RekognitionErrors.call;

/** Users of a collection: CreateUser, DeleteUser, ListUsers, AssociateFaces, DisassociateFaces, SearchUsers, SearchUsersByImage. */
public final class UserApi {

    private static final int MAX_USERS = 500;

    private final UserService users;
    private final CollectionService collections;
    private final Images images;
    private final Vision vision;
    private final IdempotentCalls idempotent;

    UserApi(UserService users, CollectionService collections, Images images, Vision vision, IdempotentCalls idempotent) {
        this.idempotent = idempotent;
        this.users = users;
        this.collections = collections;
        this.images = images;
        this.vision = vision;
    }

    public CreateUserResponse createUser(RequestContext ctx, CreateUserRequest r) {
        return call(() -> idempotent.once(ctx.accountId(), ctx.region(), "CreateUser", r.clientRequestToken(),
                r, CreateUserResponse.class, () -> {
                    users.create(ctx.accountId(), ctx.region(), r.collectionId(), r.userId());
                    return CreateUserResponse.builder().build();
                }));
    }

    public DeleteUserResponse deleteUser(RequestContext ctx, DeleteUserRequest r) {
        return call(() -> idempotent.once(ctx.accountId(), ctx.region(), "DeleteUser", r.clientRequestToken(),
                r, DeleteUserResponse.class, () -> {
                    users.delete(ctx.accountId(), ctx.region(), r.collectionId(), r.userId());
                    return DeleteUserResponse.builder().build();
                }));
    }

    public ListUsersResponse listUsers(RequestContext ctx, ListUsersRequest r) {
        return call(() -> {
            Page<UserService.UserRow> page = users.list(ctx.accountId(), ctx.region(), r.collectionId(), r.nextToken(), r.maxResults());
            return ListUsersResponse.builder().users(page.items().stream()
                    .map(u -> User.builder().userId(u.userId()).userStatus(u.status()).build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    public AssociateFacesResponse associateFaces(RequestContext ctx, AssociateFacesRequest r) {
        return call(() -> idempotent.once(ctx.accountId(), ctx.region(), "AssociateFaces", r.clientRequestToken(),
                r, AssociateFacesResponse.class, () -> {
                    float threshold = r.userMatchThreshold() == null ? 75f : r.userMatchThreshold();
                    UserService.Change change = users.associate(ctx.accountId(), ctx.region(), r.collectionId(), r.userId(), r.faceIds(), threshold);
                    return AssociateFacesResponse.builder()
                            .associatedFaces(change.done().stream().map(id -> AssociatedFace.builder().faceId(id).build()).toList())
                            .unsuccessfulFaceAssociations(change.refused().stream().map(f -> UnsuccessfulFaceAssociation.builder().faceId(f.faceId())
                                    .userId(f.userId()).confidence(f.confidence()).reasonsWithStrings(f.reasons()).build()).toList())
                            .userStatus(users.status(ctx.accountId(), ctx.region(), r.collectionId(), r.userId())).build();
                }));
    }

    public DisassociateFacesResponse disassociateFaces(RequestContext ctx, DisassociateFacesRequest r) {
        return call(() -> idempotent.once(ctx.accountId(), ctx.region(), "DisassociateFaces", r.clientRequestToken(),
                r, DisassociateFacesResponse.class, () -> {
                    UserService.Change change = users.disassociate(ctx.accountId(), ctx.region(), r.collectionId(), r.userId(), r.faceIds());
                    return DisassociateFacesResponse.builder()
                            .disassociatedFaces(change.done().stream().map(id -> DisassociatedFace.builder().faceId(id).build()).toList())
                            .unsuccessfulFaceDisassociations(change.refused().stream().map(f -> UnsuccessfulFaceDisassociation.builder()
                                    .faceId(f.faceId()).userId(f.userId()).reasonsWithStrings(f.reasons()).build()).toList())
                            .userStatus(users.status(ctx.accountId(), ctx.region(), r.collectionId(), r.userId())).build();
                }));
    }

    public SearchUsersResponse searchUsers(RequestContext ctx, SearchUsersRequest r) {
        return call(() -> {
            if ((r.userId() == null) == (r.faceId() == null)) {
                throw RekognitionException.invalidParameter();
            }
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            List<float[]> query = new ArrayList<>();
            SearchUsersResponse.Builder out = SearchUsersResponse.builder().faceModelVersion(version);
            if (r.userId() != null) {
                users.facesOf(ctx.accountId(), ctx.region(), r.collectionId(), r.userId()).forEach(f -> query.add(f.embedding()));
                out.searchedUser(SearchedUser.builder().userId(r.userId()).build());
            } else {
                StoredFace face = collections.face(ctx.accountId(), ctx.region(), r.collectionId(), r.faceId());
                query.add(face.embedding());
                out.searchedFace(SearchedFace.builder().faceId(face.faceId()).build());
            }
            float threshold = r.userMatchThreshold() == null ? 80f : r.userMatchThreshold();
            int max = r.maxUsers() == null ? MAX_USERS : r.maxUsers();
            return out.userMatches(matches(users.search(ctx.accountId(), ctx.region(), r.collectionId(), query, threshold, max, r.userId())))
                    .build();
        });
    }

    public SearchUsersByImageResponse searchUsersByImage(RequestContext ctx, SearchUsersByImageRequest r) {
        return call(() -> {
            String version = collections.describe(ctx.accountId(), ctx.region(), r.collectionId()).faceModelVersion();
            UprightImage image = images.load(ctx.accountId(), r.image());
            FaceQualityFilter filter = FaceQualityFilter.of(r.qualityFilterAsString(), FaceQualityFilter.NONE);
            SeenFace searched = null;
            List<UnsearchedFace> unsearched = new ArrayList<>();
            for (SeenFace f : SeenFace.of(vision.faces(image), image)) {
                String reason = filter.reason(f.finding(), f.quality(), image.width(), image.height());
                if (reason == null && searched == null) {
                    searched = f;
                } else {
                    unsearched.add(UnsearchedFace.builder().faceDetails(FaceShapes.detail(f, List.of("DEFAULT")))
                            .reasonsWithStrings(reason != null ? reason : "FACE_NOT_LARGEST").build());
                }
            }
            if (searched == null) {
                throw RekognitionException.invalidParameter("There are no faces in the image. Should be at least 1.");
            }
            float threshold = r.userMatchThreshold() == null ? 80f : r.userMatchThreshold();
            int max = r.maxUsers() == null ? MAX_USERS : r.maxUsers();
            List<UserService.UserMatch> found = users.search(ctx.accountId(), ctx.region(), r.collectionId(),
                    List.of(searched.finding().embedding()), threshold, max, null);
            return SearchUsersByImageResponse.builder().faceModelVersion(version).userMatches(matches(found))
                    .searchedFace(SearchedFaceDetails.builder().faceDetail(FaceShapes.detail(searched, List.of("DEFAULT"))).build())
                    .unsearchedFaces(unsearched).build();
        });
    }

    private static List<software.amazon.awssdk.services.rekognition.model.UserMatch> matches(List<UserService.UserMatch> found) {
        return found.stream().map(m -> software.amazon.awssdk.services.rekognition.model.UserMatch.builder().similarity(m.similarity())
                .user(MatchedUser.builder().userId(m.userId()).userStatus("ACTIVE").build()).build()).toList();
    }
}
