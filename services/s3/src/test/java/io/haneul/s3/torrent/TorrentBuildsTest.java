package io.haneul.s3.torrent;

import io.haneul.s3.domain.S3Exception;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TorrentBuildsTest {

    @Test
    void buildsBeyondTheBoundAreAnsweredSlowDownUntilOneEnds() throws Exception {
        TorrentBuilds builds = new TorrentBuilds(2);
        byte[] inner = builds.run(() -> builds.run(() -> {
            S3Exception refused = assertThrows(S3Exception.class, () -> builds.run(() -> new byte[0]));
            assertEquals("SlowDown", refused.error().name());
            assertEquals(503, refused.error().status());
            return new byte[] {1};
        }));
        assertArrayEquals(new byte[] {1}, inner);
        assertArrayEquals(new byte[] {2}, builds.run(() -> new byte[] {2}), "permits come back when builds end");
        assertThrows(java.io.IOException.class, () -> builds.run(() -> {
            throw new java.io.IOException("disk");
        }));
        builds.run(() -> builds.run(() -> new byte[0])); // a failed build gives its permit back
    }

    @Test
    void theTrackerIsNamedOnTheClientsHost() {
        assertEquals("http://torrent.localhost:6969/announce", TorrentBuilds.announceUrl("localhost:4566"));
        assertEquals("http://torrent.s3.example:6969/announce", TorrentBuilds.announceUrl("s3.example"));
        assertEquals("http://[::1]:6969/announce", TorrentBuilds.announceUrl("[::1]:4566"));
        assertEquals("http://[::1]:6969/announce", TorrentBuilds.announceUrl("[::1]"));
    }
}
