package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A session's last save and the same user's next session: the engine announces the save before the
 * session is gone, and the next session's restore waits for it, so it gets the files as the last
 * session left them. Here S3's write blocks until the test lets it land.
 */
class PendingHomeSavesTest {

    @TempDir
    Path dir;

    /** Blocks every write until {@link #release} opens; {@link #writing} opens when one is waiting. */
    static final class SlowStorage extends MemoryObjectStorage {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String putObject(String account, String region, String bucket, String key, InputStream content, String contentType,
                                Map<String, String> metadata) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return super.putObject(account, region, bucket, key, content, contentType, metadata);
        }
    }

    @Test
    void theNextSessionRestoresOnlyAfterTheLastSaveLanded() throws Exception {
        SlowStorage s3 = new SlowStorage();
        s3.bucket("homes").buckets.get("homes").put("user/a/notes.txt", "before the session".getBytes());
        HomeFolder folder = new HomeFolder("111111111111", "us-east-1", "homes", "user/a/");
        HomeFolderSync sync = new HomeFolderSync(() -> Optional.of(s3), new HomeFolderSync.Limits(1 << 20, 100), HomeFolderSyncTest.LATER);
        PendingHomeSaves pending = new PendingHomeSaves();
        String me = System.getProperty("user.name");

        Path ending = Files.createDirectory(dir.resolve("ending"));
        Files.writeString(ending.resolve("notes.txt"), "written in the session that ends");
        pending.begin(folder); // as the engine does before it lets the session go
        AtomicReference<Object> saved = new AtomicReference<>();
        Thread lastSave = Thread.ofPlatform().start(() -> {
            try {
                saved.set(sync.save(folder, new SessionUsers.OsUser(me, null, null, ending), new HashMap<>()));
            } catch (StreamingException | RuntimeException e) {
                saved.set(e);
            } finally {
                pending.done(folder);
            }
        });
        s3.writing.await();

        Path next = Files.createDirectory(dir.resolve("next"));
        AtomicReference<Object> restored = new AtomicReference<>();
        Thread restore = Thread.ofPlatform().start(() -> {
            try {
                pending.awaitNone(folder);
                restored.set(sync.restore(folder, new SessionUsers.OsUser(me, null, null, next), new HashMap<>()));
            } catch (StreamingException | RuntimeException e) {
                restored.set(e);
            }
        });
        parked(restore);
        assertFalse(Files.exists(next.resolve("notes.txt")), "nothing restored while the last save is on its way");

        s3.release.countDown();
        lastSave.join();
        restore.join();
        assertEquals(1, saved.get());
        assertEquals(1, restored.get());
        assertEquals("written in the session that ends", Files.readString(next.resolve("notes.txt")));
    }

    /** Waits until {@code t} waits on the pending saves (it does nothing else that waits), or ended without waiting. */
    private static void parked(Thread t) {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, t.getState(), "waits for the pending save");
    }

    @Test
    void eachAnnouncedSaveOfTheFolderIsWaitedForAndNoOtherFolderWaits() throws Exception {
        PendingHomeSaves pending = new PendingHomeSaves();
        HomeFolder a = new HomeFolder("111111111111", "us-east-1", "homes", "user/a/");
        pending.begin(a);
        pending.begin(a);
        pending.awaitNone(new HomeFolder("111111111111", "us-east-1", "homes", "user/b/")); // returns at once
        pending.done(a);
        AtomicReference<Object> waited = new AtomicReference<>();
        Thread restore = Thread.ofPlatform().start(() -> {
            try {
                pending.awaitNone(a);
                waited.set("restored");
            } catch (StreamingException e) {
                waited.set(e);
            }
        });
        parked(restore);
        assertEquals(null, waited.get(), "one save of the folder is still pending");
        pending.done(a);
        restore.join();
        assertEquals("restored", waited.get());
    }
}
