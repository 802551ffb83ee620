package io.haneul.rekognition.collections;

import io.haneul.rekognition.store.SqlCollections;
import io.haneul.rekognition.store.StoredFace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each collection's faces in memory for brute-force search, trusted only while the collection's
 * revision in the store is the one they were loaded at: any node's IndexFaces, DeleteFaces or
 * (dis)association bumps it, so a search on any node sees every acknowledged change.
 */
final class FaceCache {

    private record Key(String account, String region, String collection) {
    }

    private record Snapshot(long revision, List<StoredFace> faces) {
    }

    private final SqlCollections store;
    private final Map<Key, Snapshot> snapshots = new ConcurrentHashMap<>();

    FaceCache(SqlCollections store) {
        this.store = store;
    }

    List<StoredFace> faces(String account, String region, String collection) {
        long revision = store.revision(account, region, collection)
                .orElseThrow(() -> CollectionService.noCollection(collection));
        Key key = new Key(account, region, collection);
        Snapshot s = snapshots.get(key);
        if (s == null || s.revision() != revision) {
            // read the revision first: the faces loaded after it are at least that new
            s = new Snapshot(revision, List.copyOf(store.allFaces(account, region, collection)));
            snapshots.put(key, s);
        }
        return s.faces();
    }

    void forget(String account, String region, String collection) {
        snapshots.remove(new Key(account, region, collection));
    }
}
