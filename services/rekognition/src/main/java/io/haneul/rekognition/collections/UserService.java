package io.haneul.rekognition.collections;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlCollections;
import io.haneul.rekognition.store.StoredFace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users of a collection: faces associated with a user id and searched as one. A face joins a user
 * only when it is alike (UserMatchThreshold) one of the user's faces, the first face excepted; a
 * user's similarity to a query is the best of its faces'. Changes apply at once, so a user is ACTIVE
 * as soon as it has faces (CREATED before), never UPDATING.
 */
public final class UserService {

    /** A user and whether it has faces. */
    public record UserRow(String userId, boolean active) {
        public String status() {
            return active ? "ACTIVE" : "CREATED";
        }
    }

    public record Refused(String faceId, String userId, Float confidence, List<String> reasons) {
    }

    public record Change(List<String> done, List<Refused> refused) {
    }

    public record UserMatch(String userId, float similarity) {
    }

    private final CollectionService collections;
    private final SqlCollections store;

    public UserService(CollectionService collections) {
        this.collections = collections;
        this.store = collections.store();
    }

    public void create(String account, String region, String collection, String userId) {
        store.database().write(c -> {
            collectionExists(c, account, region, collection);
            if (store.userExists(c, account, region, collection, userId)) {
                throw new RekognitionException("ConflictException", "A User with the same Id already exists within the collection");
            }
            store.insertUser(c, account, region, collection, userId, collections.clock().millis());
            store.bump(c, account, region, collection);
            return null;
        });
    }

    public void delete(String account, String region, String collection, String userId) {
        store.database().write(c -> {
            collectionExists(c, account, region, collection);
            userExists(c, account, region, collection, userId);
            store.deleteUser(c, account, region, collection, userId);
            store.bump(c, account, region, collection);
            return null;
        });
    }

    public Page<UserRow> list(String account, String region, String collection, String token, Integer maxResults) {
        collections.describe(account, region, collection);
        int max = maxResults == null ? 500 : maxResults;
        List<UserRow> rows = new ArrayList<>();
        store.users(account, region, collection, Page.after(token), max + 1).forEach((id, active) -> rows.add(new UserRow(id, active)));
        boolean more = rows.size() > max;
        List<UserRow> page = more ? rows.subList(0, max) : rows;
        return new Page<>(page, more ? Page.token(page.getLast().userId()) : null);
    }

    public Change associate(String account, String region, String collection, String userId, List<String> faceIds, float threshold) {
        return store.database().write(c -> {
            collectionExists(c, account, region, collection);
            userExists(c, account, region, collection, userId);
            List<StoredFace> userFaces = new ArrayList<>(store.facesOfUser(c, account, region, collection, userId));
            List<String> done = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            for (String id : faceIds) {
                Optional<StoredFace> face = store.face(c, account, region, collection, id);
                if (face.isEmpty()) {
                    refused.add(new Refused(id, null, null, List.of("FACE_NOT_FOUND")));
                    continue;
                }
                StoredFace f = face.get();
                if (userId.equals(f.userId())) {
                    done.add(id);
                    continue;
                }
                if (f.userId() != null) {
                    refused.add(new Refused(id, f.userId(), null, List.of("ASSOCIATED_TO_A_DIFFERENT_USER")));
                    continue;
                }
                if (!userFaces.isEmpty()) {
                    float best = best(f.embedding(), userFaces);
                    if (best < threshold) {
                        refused.add(new Refused(id, userId, best, List.of("LOW_MATCH_CONFIDENCE")));
                        continue;
                    }
                }
                store.setUser(c, account, region, collection, id, userId);
                userFaces.add(f);
                done.add(id);
            }
            store.bump(c, account, region, collection);
            return new Change(done, refused);
        });
    }

    public Change disassociate(String account, String region, String collection, String userId, List<String> faceIds) {
        return store.database().write(c -> {
            collectionExists(c, account, region, collection);
            userExists(c, account, region, collection, userId);
            List<String> done = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            for (String id : faceIds) {
                Optional<StoredFace> face = store.face(c, account, region, collection, id);
                if (face.isEmpty()) {
                    refused.add(new Refused(id, null, null, List.of("FACE_NOT_FOUND")));
                } else if (!userId.equals(face.get().userId())) {
                    refused.add(new Refused(id, face.get().userId(), null, List.of("ASSOCIATED_TO_A_DIFFERENT_USER")));
                } else {
                    store.setUser(c, account, region, collection, id, null);
                    done.add(id);
                }
            }
            store.bump(c, account, region, collection);
            return new Change(done, refused);
        });
    }

    /** Whether the user has faces now (ACTIVE) or none (CREATED). */
    public String status(String account, String region, String collection, String userId) {
        return store.database().read(c -> store.facesOfUser(c, account, region, collection, userId)).isEmpty() ? "CREATED" : "ACTIVE";
    }

    /** The faces of a user (ResourceNotFoundException for an unknown user). */
    public List<StoredFace> facesOf(String account, String region, String collection, String userId) {
        return store.database().read(c -> {
            collectionExists(c, account, region, collection);
            userExists(c, account, region, collection, userId);
            return store.facesOfUser(c, account, region, collection, userId);
        });
    }

    /** Users most like any of the query vectors, at or above the threshold, best first; {@code excludeUser} left out. */
    public List<UserMatch> search(String account, String region, String collection, List<float[]> query, float threshold, int maxUsers,
                                  String excludeUser) {
        Map<String, Float> best = new HashMap<>();
        for (StoredFace f : collections.allFaces(account, region, collection)) {
            if (f.userId() == null || f.userId().equals(excludeUser)) {
                continue;
            }
            for (float[] q : query) {
                best.merge(f.userId(), collections.similarity().of(q, f.embedding()), Math::max);
            }
        }
        return best.entrySet().stream().filter(e -> e.getValue() >= threshold)
                .map(e -> new UserMatch(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(UserMatch::similarity).reversed().thenComparing(UserMatch::userId))
                .limit(maxUsers).toList();
    }

    private float best(float[] v, List<StoredFace> faces) {
        float best = 0;
        for (StoredFace f : faces) {
            best = Math.max(best, collections.similarity().of(v, f.embedding()));
        }
        return best;
    }

    private void collectionExists(java.sql.Connection c, String account, String region, String collection) throws java.sql.SQLException {
        if (store.find(c, account, region, collection).isEmpty()) {
            throw CollectionService.noCollection(collection);
        }
    }

    private void userExists(java.sql.Connection c, String account, String region, String collection, String userId) throws java.sql.SQLException {
        if (!store.userExists(c, account, region, collection, userId)) {
            throw RekognitionException.notFound("The user id: " + userId + " does not exist");
        }
    }
}
