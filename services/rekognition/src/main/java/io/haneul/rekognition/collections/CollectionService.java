package io.haneul.rekognition.collections;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.faces.FaceQualityFilter;
import io.haneul.rekognition.faces.SeenFace;
import io.haneul.rekognition.store.CollectionRow;
import io.haneul.rekognition.store.SqlCollections;
import io.haneul.rekognition.store.StoredFace;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Face collections: creating, describing, listing and deleting them, indexing faces (quality bar,
 * MaxFaces, reasons for the faces left out), listing, deleting and searching faces by brute force over
 * {@link FaceCache}, and tags. Users live in {@link UserService}.
 */
public final class CollectionService {

    /** How alike two embeddings are, 0 to 100 (the models' calibrated similarity). */
    @FunctionalInterface
    public interface Similarity {
        float of(float[] a, float[] b);
    }

    /** A face indexed by IndexFaces, with what the model saw. */
    public record Indexed(StoredFace face, SeenFace seen) {
    }

    /** A face IndexFaces left out and why. */
    public record Unindexed(SeenFace seen, List<String> reasons) {
    }

    public record IndexResult(List<Indexed> indexed, List<Unindexed> unindexed) {
    }

    /** A face that matched a search. */
    public record Match(StoredFace face, float similarity) {
    }

    /** DeleteFaces' answer: the ids deleted, and those that were not with their reasons. */
    public record Deletion(List<String> deleted, List<Refused> refused) {
    }

    public record Refused(String faceId, String userId, List<String> reasons) {
    }

    private final SqlCollections store;
    private final FaceCache cache;
    private final Clock clock;
    private final Similarity similarity;

    public CollectionService(SqlCollections store, Clock clock, Similarity similarity) {
        this.store = store;
        this.cache = new FaceCache(store);
        this.clock = clock;
        this.similarity = similarity;
    }

    static RekognitionException noCollection(String id) {
        return RekognitionException.notFound("The collection id: " + id + " does not exist");
    }

    public CollectionRow create(String account, String region, String id, String faceModelVersion, Map<String, String> tags) {
        if (!store.create(account, region, id, clock.millis(), faceModelVersion)) {
            throw new RekognitionException("ResourceAlreadyExistsException", "The collection id: " + id + " already exists");
        }
        if (tags != null && !tags.isEmpty()) {
            store.database().write(c -> {
                store.putTags(c, account, region, id, tags);
                return null;
            });
        }
        return describe(account, region, id);
    }

    public boolean exists(String account, String region, String id) {
        return store.find(account, region, id).isPresent();
    }

    public CollectionRow describe(String account, String region, String id) {
        return store.find(account, region, id).orElseThrow(() -> noCollection(id));
    }

    public Page<CollectionRow> list(String account, String region, String token, Integer maxResults) {
        int max = maxResults == null ? 1000 : maxResults;
        List<CollectionRow> rows = store.list(account, region, Page.after(token), max + 1);
        boolean more = rows.size() > max;
        List<CollectionRow> page = more ? rows.subList(0, max) : rows;
        return new Page<>(page, more ? Page.token(page.getLast().id()) : null);
    }

    public void delete(String account, String region, String id) {
        if (!store.delete(account, region, id)) {
            throw noCollection(id);
        }
        cache.forget(account, region, id);
    }

    /**
     * Indexes the faces that pass the bar, largest first, up to {@code maxFaces}; the rest are
     * reported with their reasons (EXCEEDS_MAX_FACES beyond the count).
     */
    public IndexResult index(String account, String region, String collection, List<SeenFace> faces, String externalImageId,
                             Integer maxFaces, FaceQualityFilter filter, int width, int height) {
        describe(account, region, collection);
        String imageId = UUID.randomUUID().toString();
        List<Indexed> indexed = new ArrayList<>();
        List<Unindexed> unindexed = new ArrayList<>();
        for (SeenFace f : faces) {
            String reason = filter.reason(f.finding(), f.quality(), width, height);
            if (reason != null) {
                unindexed.add(new Unindexed(f, List.of(reason)));
            } else if (maxFaces != null && indexed.size() >= maxFaces) {
                unindexed.add(new Unindexed(f, List.of("EXCEEDS_MAX_FACES")));
            } else {
                indexed.add(new Indexed(new StoredFace(UUID.randomUUID().toString(), imageId, externalImageId, null, f.finding().confidence(),
                        f.box(), f.finding().embedding()), f));
            }
        }
        if (!indexed.isEmpty()) {
            store.database().write(c -> {
                if (store.find(c, account, region, collection).isEmpty()) {
                    throw noCollection(collection);
                }
                for (Indexed i : indexed) {
                    store.insertFace(c, account, region, collection, i.face(), clock.millis());
                }
                store.bump(c, account, region, collection);
                return null;
            });
        }
        return new IndexResult(indexed, unindexed);
    }

    public Page<StoredFace> faces(String account, String region, String collection, String token, Integer maxResults, String userId,
                                  List<String> faceIds) {
        describe(account, region, collection);
        int max = maxResults == null ? 1000 : maxResults;
        List<StoredFace> rows = store.faces(account, region, collection, Page.after(token), userId, faceIds, max + 1);
        boolean more = rows.size() > max;
        List<StoredFace> page = more ? rows.subList(0, max) : rows;
        return new Page<>(page, more ? Page.token(page.getLast().faceId()) : null);
    }

    /** Deletes faces; a face still associated with a user is refused (ASSOCIATED_TO_AN_EXISTING_USER), an unknown one is FACE_NOT_FOUND. */
    public Deletion deleteFaces(String account, String region, String collection, List<String> faceIds) {
        describe(account, region, collection);
        return store.database().write(c -> {
            List<String> deleted = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            for (String id : faceIds) {
                var face = store.face(c, account, region, collection, id);
                if (face.isEmpty()) {
                    refused.add(new Refused(id, null, List.of("FACE_NOT_FOUND")));
                } else if (face.get().userId() != null) {
                    refused.add(new Refused(id, face.get().userId(), List.of("ASSOCIATED_TO_AN_EXISTING_USER")));
                } else {
                    store.deleteFace(c, account, region, collection, id);
                    deleted.add(id);
                }
            }
            if (!deleted.isEmpty()) {
                store.bump(c, account, region, collection);
            }
            return new Deletion(deleted, refused);
        });
    }

    /** A stored face by id; InvalidParameterException when the collection has none such. */
    public StoredFace face(String account, String region, String collection, String faceId) {
        return cache.faces(account, region, collection).stream().filter(f -> f.faceId().equals(faceId)).findFirst()
                .orElseThrow(() -> RekognitionException.invalidParameter("Face with id: " + faceId + " does not exist in collection " + collection));
    }

    /** The collection's faces most like {@code vector} at or above the threshold, best first, the face itself excluded. */
    public List<Match> search(String account, String region, String collection, float[] vector, float threshold, int maxFaces,
                              String excludeFaceId) {
        List<Match> out = new ArrayList<>();
        for (StoredFace f : cache.faces(account, region, collection)) {
            if (f.faceId().equals(excludeFaceId)) {
                continue;
            }
            float s = similarity.of(vector, f.embedding());
            if (s >= threshold) {
                out.add(new Match(f, s));
            }
        }
        out.sort(Comparator.comparingDouble(Match::similarity).reversed());
        return out.size() > maxFaces ? List.copyOf(out.subList(0, maxFaces)) : out;
    }

    /** Every face of the collection (from the cache), for user searches. */
    List<StoredFace> allFaces(String account, String region, String collection) {
        return cache.faces(account, region, collection);
    }

    // tags

    public Map<String, String> tags(String account, String region, String collection) {
        describe(account, region, collection);
        return store.tags(account, region, collection);
    }

    public void tag(String account, String region, String collection, Map<String, String> tags) {
        store.database().write(c -> {
            if (store.find(c, account, region, collection).isEmpty()) {
                throw noCollection(collection);
            }
            store.putTags(c, account, region, collection, tags);
            return null;
        });
    }

    public void untag(String account, String region, String collection, List<String> keys) {
        store.database().write(c -> {
            if (store.find(c, account, region, collection).isEmpty()) {
                throw noCollection(collection);
            }
            store.removeTags(c, account, region, collection, keys);
            return null;
        });
    }

    SqlCollections store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    Similarity similarity() {
        return similarity;
    }
}
