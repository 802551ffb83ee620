package io.haneul.appstream.streaming;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A home folder's trip between S3 and a home, through tar run as the home's user (here the test's own
 * user: no pool user is switched to): files restored before a session and saved after, links and the
 * session's own folder left out, unchanged files not written again, the limits on files and bytes.
 */
class HomeFolderSyncTest {

    static final String PREFIX = "user/custom/abc/";
    /** Saves that begin long after the test's files were written: every file saved is remembered. */
    static final Clock LATER = Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path home;
    SessionUsers.OsUser user;
    MemoryObjectStorage s3;
    HomeFolder folder;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectory(dir.resolve("home"));
        user = new SessionUsers.OsUser(System.getProperty("user.name"), null, null, home);
        s3 = new MemoryObjectStorage().bucket("homes");
        folder = new HomeFolder("111111111111", "us-east-1", "homes", PREFIX);
    }

    private HomeFolderSync sync(long maxBytes, int maxFiles) {
        return new HomeFolderSync(() -> Optional.of(s3), new HomeFolderSync.Limits(maxBytes, maxFiles), LATER);
    }

    private String object(String relative) {
        byte[] v = s3.buckets.get("homes").get(PREFIX + relative);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Test
    void savedFilesComeBackInTheNextHomeWithoutLinksOrTheSessionFolder() throws Exception {
        Files.createDirectories(home.resolve("notes/deep"));
        Files.writeString(home.resolve("notes/deep/today.txt"), "written in session 1");
        Files.writeString(home.resolve("top.txt"), "top");
        Files.createSymbolicLink(home.resolve("leak"), Path.of("/etc/hostname"));
        Files.createDirectories(home.resolve(HomeFolderSync.SESSION_FOLDER));
        Files.writeString(home.resolve(HomeFolderSync.SESSION_FOLDER + "/Xauthority"), "secret");
        Files.createDirectories(home.resolve("empty"));

        Map<String, String> synced = new HashMap<>();
        assertEquals(2, sync(1 << 20, 100).save(folder, user, synced));
        assertEquals("written in session 1", object("notes/deep/today.txt"));
        assertEquals("top", object("top.txt"));
        assertEquals(2, s3.buckets.get("homes").size(), "no link, session folder or empty folder: " + s3.buckets.get("homes").keySet());

        assertEquals(0, sync(1 << 20, 100).save(folder, user, synced), "nothing changed, nothing written again");
        assertEquals(2, s3.puts);

        Path next = Files.createDirectory(dir.resolve("next"));
        Map<String, String> restoredStamps = new HashMap<>();
        SessionUsers.OsUser nextUser = new SessionUsers.OsUser(user.name(), null, null, next);
        assertEquals(2, sync(1 << 20, 100).restore(folder, nextUser, restoredStamps));
        assertEquals("written in session 1", Files.readString(next.resolve("notes/deep/today.txt")));
        assertEquals("top", Files.readString(next.resolve("top.txt")));
        assertEquals(0, sync(1 << 20, 100).save(folder, nextUser, restoredStamps), "restored files are not written back unchanged");
        Files.writeString(next.resolve("top.txt"), "changed in session 2");
        assertEquals(1, sync(1 << 20, 100).save(folder, nextUser, restoredStamps));
        assertEquals("changed in session 2", object("top.txt"));
    }

    @Test
    void restoreSkipsKeysThatWouldLeaveTheHomeOrEnterTheSessionFolder() throws Exception {
        s3.buckets.get("homes").put(PREFIX + "ok.txt", "ok".getBytes());
        s3.buckets.get("homes").put(PREFIX + "../escape.txt", "no".getBytes());
        s3.buckets.get("homes").put(PREFIX + "a//b.txt", "no".getBytes());
        s3.buckets.get("homes").put(PREFIX + HomeFolderSync.SESSION_FOLDER + "/vnc", "no".getBytes());
        s3.buckets.get("homes").put(PREFIX + "folder/", new byte[0]);
        assertEquals(1, sync(1 << 20, 100).restore(folder, user, new HashMap<>()));
        assertEquals("ok", Files.readString(home.resolve("ok.txt")));
        assertFalse(Files.exists(dir.resolve("escape.txt")));
        assertFalse(Files.exists(home.resolve(HomeFolderSync.SESSION_FOLDER)));
    }

    @Test
    void limitsBoundWhatIsSavedAndRestored() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(home.resolve("f" + i + ".txt"), "0123456789");
        }
        assertEquals(3, sync(1 << 20, 3).save(folder, user, new HashMap<>()), "at most 3 files");
        s3.buckets.get("homes").clear();
        assertEquals(2, sync(25, 100).save(folder, user, new HashMap<>()), "at most 25 bytes: two files of 10");

        Path next = Files.createDirectory(dir.resolve("next"));
        assertEquals(1, sync(15, 100).restore(folder, new SessionUsers.OsUser(user.name(), null, null, next), new HashMap<>()));
    }

    /** A storage that refuses some writes: with S3's error {@code code}, or with an unexpected exception. */
    private HomeFolderSync refusing(String refusedName, RuntimeException failure) {
        MemoryObjectStorage refusingS3 = new MemoryObjectStorage() {
            @Override
            public String putObject(String account, String region, String bucket, String key, java.io.InputStream content,
                                    String contentType, Map<String, String> metadata) {
                if (key.endsWith(refusedName)) {
                    throw failure;
                }
                return super.putObject(account, region, bucket, key, content, contentType, metadata);
            }
        };
        refusingS3.buckets.putAll(s3.buckets);
        return new HomeFolderSync(() -> Optional.of(refusingS3), new HomeFolderSync.Limits(1 << 20, 100), LATER);
    }

    @Test
    void aFileS3RefusesIsLeftOutAndTheRestIsSaved() throws Exception {
        Files.writeString(home.resolve("a.txt"), "a");
        Files.writeString(home.resolve("bad.txt"), "bad");
        Files.writeString(home.resolve("z.txt"), "z");
        Map<String, String> synced = new HashMap<>();
        HomeFolderSync sync = refusing("bad.txt", new io.haneul.core.spi.ObjectStorage.ObjectStorageException("InternalError", "try again"));
        assertEquals(2, sync.save(folder, user, synced));
        assertEquals("a", object("a.txt"));
        assertEquals("z", object("z.txt"));
        assertFalse(synced.containsKey("bad.txt"), "not marked saved: the next save tries it again");
    }

    @Test
    void aBucketThatCannotBeUsedStopsTheSave() throws Exception {
        Files.writeString(home.resolve("a.txt"), "a");
        HomeFolderSync sync = refusing("a.txt", new io.haneul.core.spi.ObjectStorage.ObjectStorageException("AccessDenied", "Access Denied"));
        StreamingException e = assertThrows(StreamingException.class, () -> sync.save(folder, user, new HashMap<>()));
        assertTrue(e.getMessage().contains("Access Denied"), e.getMessage());
    }

    @Test
    void anUnexpectedFailureOfTheStorageIsASaveThatFailed() throws Exception {
        Files.writeString(home.resolve("a.txt"), "a");
        HomeFolderSync sync = refusing("a.txt", new IllegalStateException("storage closed"));
        StreamingException e = assertThrows(StreamingException.class, () -> sync.save(folder, user, new HashMap<>()));
        assertTrue(e.getMessage().contains("storage closed"), e.getMessage());
    }

    @Test
    void aFilePastTheByteLimitIsSkippedAndSmallerOnesAfterItAreSaved() throws Exception {
        Files.writeString(home.resolve("a.txt"), "0123456789");
        Files.writeString(home.resolve("b-big.txt"), "x".repeat(100));
        Files.writeString(home.resolve("c.txt"), "0123456789");
        assertEquals(2, sync(25, 100).save(folder, user, new HashMap<>()));
        assertEquals("0123456789", object("c.txt"), "saved although a larger file came before it");
        assertEquals(null, object("b-big.txt"));
    }

    @Test
    void onlyTheStartOfTarsErrorOutputIsRead() throws Exception {
        Path errors = dir.resolve("tar.log");
        Files.writeString(errors, "tar: a complaint\n".repeat(100_000));
        assertEquals(HomeFolderSync.MAX_ERROR_BYTES, HomeFolderSync.errorText(errors).length());
    }

    @Test
    void aFileChangedInTheSecondTheSaveBeganIsWrittenAgainByTheNextSave() throws Exception {
        Path draft = home.resolve("draft.txt");
        Files.writeString(draft, "v1");
        FileTime modified = Files.getLastModifiedTime(draft);
        Clock sameSecond = Clock.fixed(modified.toInstant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        HomeFolderSync saveInThatSecond = new HomeFolderSync(() -> Optional.of(s3), new HomeFolderSync.Limits(1 << 20, 100), sameSecond);
        Map<String, String> synced = new HashMap<>();
        assertEquals(1, saveInThatSecond.save(folder, user, synced));

        Files.writeString(draft, "v2"); // the same size...
        Files.setLastModifiedTime(draft, modified); // ...and the same second: the same stamp
        assertEquals(1, saveInThatSecond.save(folder, user, synced), "written again: the stamp could not tell the edit");
        assertEquals("v2", object("draft.txt"));

        assertEquals(1, sync(1 << 20, 100).save(folder, user, synced), "not yet remembered as saved");
        assertEquals(0, sync(1 << 20, 100).save(folder, user, synced), "older than the save's start: remembered");
    }

    @Test
    void aMissingBucketIsRefusedUpFront() {
        StreamingException e = assertThrows(StreamingException.class,
                () -> sync(1, 1).check(new HomeFolder("111111111111", "us-east-1", "nope", PREFIX)));
        assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
        assertThrows(StreamingException.class, () -> new HomeFolderSync(Optional::empty, new HomeFolderSync.Limits(1, 1), LATER).check(folder));
    }
}
