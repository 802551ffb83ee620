package io.haneul.s3.store;

import io.haneul.s3.domain.Listing;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** S3's store on SQLite: versions, listing order, multipart completion. */
class S3StoreTest {

    @TempDir
    Path dir;
    Database db;
    S3Store store;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        store = new S3Store(db);
        assertTrue(store.createBucket(new BucketRecord("bkt", "111111111111", "us-east-1", 1, null, null, null, null, null)));
        assertFalse(store.createBucket(new BucketRecord("bkt", "222222222222", "us-east-1", 1, null, null, null, null, null)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ObjectRecord row(String key, String version, String blob) {
        return new ObjectRecord(0, "bkt", key, version, true, false, 3, "\"e\"", blob == null ? List.of() : List.of(new Segment(blob, 3)),
                1000, Map.of("Content-Type", "text/plain"), Map.of("m", "1"), Map.of(), null, null, null, 0, "STANDARD", "111111111111");
    }

    @Test
    void unversionedPutReplacesTheNullVersionAndHandsBackItsBlob() {
        S3Store.Written first = store.put(row("k", "null", "aaaaaaaa01"), false, null);
        assertTrue(first.droppedBlobs().isEmpty());
        S3Store.Written second = store.put(row("k", "null", "aaaaaaaa02"), false, null);
        assertEquals(List.of("aaaaaaaa01"), second.droppedBlobs());
        assertEquals("aaaaaaaa02", store.current("bkt", "k").orElseThrow().segments().getFirst().blob());
        assertEquals(1, store.listVersions("bkt", Listing.Cursor.start(), "", 10).size());
    }

    @Test
    void versionsStackAndDeletingTheLatestPromotesTheNext() {
        store.put(row("k", "v1", "aaaaaaaa01"), true, null);
        store.put(row("k", "v2", "aaaaaaaa02"), true, null);
        assertEquals(List.of("v2", "v1"), store.listVersions("bkt", Listing.Cursor.start(), "", 10).stream().map(ObjectRecord::versionId)
                .toList());
        assertEquals("v2", store.current("bkt", "k").orElseThrow().versionId());
        Optional<ObjectRecord> removed = store.deleteVersion("bkt", "k", "v2");
        assertTrue(removed.orElseThrow().latest());
        assertEquals("v1", store.current("bkt", "k").orElseThrow().versionId());
        assertTrue(store.deleteVersion("bkt", "k", "v9").isEmpty());
        long id = store.versionRowId("bkt", "k", "v1");
        assertTrue(store.listVersions("bkt", new Listing.Cursor("k", false, id), "", 10).isEmpty());
    }

    @Test
    void preconditionRunsInsideTheWriteAndCanRefuseIt() {
        store.put(row("k", "null", "aaaaaaaa01"), false, null);
        assertThrows(IllegalStateException.class, () -> store.put(row("k", "null", "aaaaaaaa02"), false, current -> {
            throw new IllegalStateException("exists: " + current.key());
        }));
        assertEquals("aaaaaaaa01", store.current("bkt", "k").orElseThrow().segments().getFirst().blob());
    }

    @Test
    void listingIsInUtf8ByteOrderUnderAPrefix() {
        for (String k : List.of("b/\uD83D\uDE00", "b/\uFFFD", "b/z", "a", "c")) {
            store.put(row(k, "null", null), false, null);
        }
        assertEquals(List.of("b/z", "b/\uFFFD", "b/\uD83D\uDE00"),
                store.listCurrent("bkt", Listing.Cursor.start(), "b/", 10).stream().map(ObjectRecord::key).toList());
        assertEquals(List.of("c"), store.listCurrent("bkt", new Listing.Cursor("b0", true, 0), "", 10).stream().map(ObjectRecord::key)
                .toList());
    }

    @Test
    void multipartCompletionTakesTheChosenPartsAndDropsTheRest() {
        store.createUpload(new UploadRecord(0, "up1", "bkt", "big", 1, Map.of(), Map.of(), Map.of(), null, null, "STANDARD", "a"));
        assertTrue(store.putPart(new PartRecord("up1", 1, 5, "\"p1\"", "bbbbbbbb01", null, 1)).uploadExists());
        assertEquals("bbbbbbbb02", store.putPart(new PartRecord("up1", 2, 5, "\"p2\"", "bbbbbbbb03", null, 1)).replacedBlob() == null
                ? "bbbbbbbb02" : "unexpected");
        assertEquals("bbbbbbbb03", store.putPart(new PartRecord("up1", 2, 5, "\"p2\"", "bbbbbbbb04", null, 1)).replacedBlob());
        store.putPart(new PartRecord("up1", 3, 5, "\"p3\"", "bbbbbbbb05", null, 1));
        assertFalse(store.putPart(new PartRecord("nope", 1, 5, "\"x\"", "bbbbbbbb06", null, 1)).uploadExists());
        assertEquals(List.of(2, 3), store.parts("up1", 1, 10).stream().map(PartRecord::partNumber).toList());
        assertTrue(store.complete("up1", row("big", "null", "bbbbbbbb01"), false, Map.of(1, "stale-blob"), null).isEmpty(),
                "a part that changed since it was read fails the completion");
        S3Store.Written done = store.complete("up1", row("big", "null", "bbbbbbbb01"), false, Map.of(1, "bbbbbbbb01", 3, "bbbbbbbb05"),
                null).orElseThrow();
        assertEquals(List.of("bbbbbbbb04"), done.droppedBlobs());
        assertTrue(store.upload("up1").isEmpty());
        assertTrue(store.abort("up1").isEmpty());
    }

    @Test
    void bucketDeletionNeedsAnEmptyBucket() {
        store.put(row("k", "null", null), false, null);
        List<String> dropped = new java.util.ArrayList<>();
        assertEquals(S3Store.BucketDeletion.NOT_EMPTY, store.deleteBucket("bkt", dropped));
        store.deleteVersion("bkt", "k", "null");
        store.createUpload(new UploadRecord(0, "u", "bkt", "x", 1, Map.of(), Map.of(), Map.of(), null, null, null, "a"));
        store.putPart(new PartRecord("u", 1, 1, "\"e\"", "cccccccc01", null, 1));
        assertEquals(S3Store.BucketDeletion.DELETED, store.deleteBucket("bkt", dropped));
        assertEquals(List.of("cccccccc01"), dropped);
        assertEquals(S3Store.BucketDeletion.MISSING, store.deleteBucket("bkt", dropped));
    }
}
