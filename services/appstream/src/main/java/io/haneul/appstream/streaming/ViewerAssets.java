package io.haneul.appstream.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The viewer's files from the module's resources: Haneul's own page, script and style, and noVNC
 * (npm {@code @novnc/novnc}, MPL-2.0), which the build unpacks under {@code viewer/novnc/}. The page
 * gets the session's settings (clipboard and file transfer as the stack allows) as JSON.
 */
final class ViewerAssets {

    private static final String ROOT = "/io/haneul/appstream/viewer/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "json", "application/json");

    private final ObjectMapper json = new ObjectMapper();
    private final String page;

    ViewerAssets() {
        byte[] bytes = read("index.html");
        if (bytes == null) {
            throw new IllegalStateException("the viewer page is missing from the AppStream module");
        }
        page = new String(bytes, StandardCharsets.UTF_8);
    }

    /** A file under {@code viewer/}, or 404; names with {@code ..} or a backslash never reach the class path. */
    WireResponse file(String name) {
        if (name.isEmpty() || name.contains("..") || name.contains("\\") || name.contains("//") || name.equals("index.html")) {
            return WireResponse.of(404, "text/plain", "Not found\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = read(name);
        if (bytes == null) {
            return WireResponse.of(404, "text/plain", "Not found\n".getBytes(StandardCharsets.UTF_8));
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        Headers h = new Headers();
        h.set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "public, max-age=3600");
        return new WireResponse(200, h, bytes);
    }

    /**
     * The viewer page for one session, its settings in a JSON block the script reads.
     *
     * @param isolated true when the session runs as a pool user of its own (file transfer needs one)
     */
    String viewerPage(StreamSession session, boolean isolated) {
        ObjectNode config = json.createObjectNode();
        config.put("sessionId", session.id);
        config.put("stackName", session.request.stackName());
        Map<String, Boolean> settings = session.request.userSettings() == null ? Map.of() : session.request.userSettings();
        config.put("clipboardToLocal", settings.getOrDefault("CLIPBOARD_COPY_TO_LOCAL_DEVICE", true));
        config.put("clipboardFromLocal", settings.getOrDefault("CLIPBOARD_COPY_FROM_LOCAL_DEVICE", true));
        config.put("fileUpload", FileTransfer.allowed(settings, FileTransfer.UPLOAD, isolated));
        config.put("fileDownload", FileTransfer.allowed(settings, FileTransfer.DOWNLOAD, isolated));
        try {
            // JSON in a <script type="application/json">: "<" escaped so that no "</script>" can close it
            String text = json.writeValueAsString(config).replace("<", "\\u003c");
            return page.replace("{{config}}", text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = ViewerAssets.class.getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
