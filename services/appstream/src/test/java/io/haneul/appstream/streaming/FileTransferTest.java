package io.haneul.appstream.streaming;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File transfer is offered only where the stack allows it and the session has a pool user (a home) of its own. */
class FileTransferTest {

    @Test
    void withoutAPoolUserNothingIsTransferredWhateverTheStackAllows() {
        assertFalse(FileTransfer.allowed(null, FileTransfer.UPLOAD, false));
        assertFalse(FileTransfer.allowed(Map.of(FileTransfer.DOWNLOAD, true), FileTransfer.DOWNLOAD, false));
    }

    @Test
    void withAPoolUserTheStackDecidesAndEnabledIsTheDefault() {
        assertTrue(FileTransfer.allowed(null, FileTransfer.UPLOAD, true));
        assertTrue(FileTransfer.allowed(Map.of(), FileTransfer.DOWNLOAD, true));
        assertFalse(FileTransfer.allowed(Map.of(FileTransfer.UPLOAD, false), FileTransfer.UPLOAD, true));
        assertTrue(FileTransfer.allowed(Map.of(FileTransfer.UPLOAD, false), FileTransfer.DOWNLOAD, true));
    }

    @Test
    void theViewerOffersNoTransferWithoutAPoolUser() {
        SessionRequest request = new SessionRequest("123456789012", "us-east-1", "stack", "fleet",
                "arn:aws:appstream:us-east-1:123456789012:fleet/fleet", "user", null,
                List.of(new SessionRequest.Launch("app", "/bin/true", null, null)), null, 0, 0, 0, 0, List.of(), Map.of());
        StreamSession session = new StreamSession("id", request, "cookie", Instant.EPOCH);
        ViewerAssets assets = new ViewerAssets();
        String shared = assets.viewerPage(session, false);
        assertTrue(shared.contains("\"fileUpload\":false") && shared.contains("\"fileDownload\":false"), shared);
        String isolated = assets.viewerPage(session, true);
        assertTrue(isolated.contains("\"fileUpload\":true") && isolated.contains("\"fileDownload\":true"), isolated);
    }
}
