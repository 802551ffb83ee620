package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a session's folder and Xvnc's switches are made of, whatever the session user left behind. */
class SessionFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aLinkLeftWhereTheRunFolderGoesIsRemovedNotFollowed() throws Exception {
        Path precious = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(precious.resolve("passwd"), "root:x:0:0");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path run = home.resolve(".haneul-session");
        Files.createSymbolicLink(run, precious);
        SessionDisplay.removeWithoutFollowing(run);
        assertFalse(Files.exists(run, LinkOption.NOFOLLOW_LINKS));
        assertEquals("root:x:0:0", Files.readString(precious.resolve("passwd")), "the link's target is untouched");

        Files.createDirectories(run.resolve("inner"));
        Files.createSymbolicLink(run.resolve("inner/escape"), precious);
        SessionDisplay.removeWithoutFollowing(run);
        assertFalse(Files.exists(run, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(precious.resolve("passwd")), "a link inside the folder is removed, not followed");
    }

    @Test
    void clipboardSettingsBecomeXvncSwitches() {
        assertEquals(List.of(), SessionDisplay.clipboardOptions(Map.of()));
        assertEquals(List.of("-AcceptCutText=0", "-SendCutText=0"), SessionDisplay.clipboardOptions(Map.of(
                "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", false, "CLIPBOARD_COPY_TO_LOCAL_DEVICE", false)));
        assertEquals(List.of("-SendCutText=0"), SessionDisplay.clipboardOptions(Map.of(
                "CLIPBOARD_COPY_FROM_LOCAL_DEVICE", true, "CLIPBOARD_COPY_TO_LOCAL_DEVICE", false)));
    }
}
