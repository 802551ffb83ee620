package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The viewer's file transfer in a home, run as the home's user (here the test's own: no switch). */
class SessionFilesTest {

    @TempDir
    Path home;

    @Test
    void writtenFileIsListedAndReadBackButNotTheSessionFolder() throws Exception {
        SessionUsers.OsUser user = new SessionUsers.OsUser(System.getProperty("user.name"), null, null, home);
        SessionFiles.write(user, "notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(home.resolve("docs"));
        Files.writeString(home.resolve("docs/a.txt"), "abc");
        Files.createDirectories(home.resolve(HomeFolderSync.SESSION_FOLDER));
        Files.writeString(home.resolve(HomeFolderSync.SESSION_FOLDER + "/Xauthority"), "secret");

        List<SessionFiles.Entry> files = SessionFiles.list(user).stream()
                .sorted(java.util.Comparator.comparing(SessionFiles.Entry::path)).toList();
        assertEquals(List.of(new SessionFiles.Entry("docs/a.txt", 3), new SessionFiles.Entry("notes.txt", 5)), files);
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), SessionFiles.read(user, "docs/a.txt").orElseThrow());
        assertEquals(Optional.empty(), SessionFiles.read(user, "missing.txt"));
        assertEquals(Optional.empty(), SessionFiles.read(user, "../" + home.getFileName() + "/notes.txt"), "no way out of the home");
        assertEquals(Optional.empty(), SessionFiles.read(user, "docs"), "a folder is not a file");
    }

    @Test
    void anUploadReplacesTheFileWholeInsteadOfRewritingItInPlace() throws Exception {
        SessionUsers.OsUser user = new SessionUsers.OsUser(System.getProperty("user.name"), null, null, home);
        Files.writeString(home.resolve("doc.txt"), "old");
        Path elsewhere = Files.createDirectories(home.resolve("other"));
        Files.createLink(elsewhere.resolve("same-file"), home.resolve("doc.txt")); // sees whatever is written into the old file
        SessionFiles.write(user, "doc.txt", "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(home.resolve("doc.txt")));
        assertEquals("old", Files.readString(elsewhere.resolve("same-file")), "the old file was never truncated and rewritten");
        try (var left = Files.list(home.resolve(HomeFolderSync.SESSION_FOLDER))) {
            assertEquals(0, left.count(), "no temporary file is left");
        }
    }

    @Test
    void uploadNamesAreSingleFileNames() {
        assertTrue(SessionFiles.plainName("report 1.txt"));
        assertFalse(SessionFiles.plainName("a/b.txt"));
        assertFalse(SessionFiles.plainName(".."));
        assertFalse(SessionFiles.plainName(""));
        assertFalse(SessionFiles.plainName(null));
        assertFalse(SessionFiles.plainName(HomeFolderSync.SESSION_FOLDER));
    }
}
