package io.haneul.appstream.streaming;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.dataplane.WebSocketUpgrade;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a streaming URL opens, on Haneul's port under {@code /_aws/appstream/}:
 * <ul>
 *   <li>{@code GET authenticate?parameters=TOKEN}: the URL CreateStreamingURL returned. Its token is
 *   used up and exchanged for a cookie (HttpOnly, SameSite=Strict, its path the session's own), and
 *   a small page moves on to the viewer: a navigation this page starts is same-site, so the Strict
 *   cookie goes with it, where a redirect from a link followed on another site would not carry it.</li>
 *   <li>{@code GET session/ID/}: the viewer, for the cookie's holder; framed only by the stack's
 *   EmbedHostDomains ({@code frame-ancestors}).</li>
 *   <li>{@code GET session/ID/websocket}: the VNC bridge, for the cookie's holder from Haneul's own
 *   origin (a page elsewhere cannot open it with the user's cookie).</li>
 *   <li>{@code POST session/ID/end}: the viewer's End session button.</li>
 *   <li>{@code GET session/ID/files} (the home's files, JSON), {@code GET session/ID/files?name=PATH} (one
 *   file, as an attachment) and {@code POST session/ID/files?name=NAME} (the body written to the home,
 *   from Haneul's own origin): file transfer, as the stack's FILE_DOWNLOAD and FILE_UPLOAD allow.</li>
 *   <li>{@code GET viewer/...}: the viewer's script and noVNC, open to anyone (no session data).</li>
 * </ul>
 */
final class StreamingPlane implements DataPlane {

    private static final Pattern SESSION = Pattern.compile("/_aws/appstream/session/([0-9a-f-]{36})/(websocket|end|files)?");
    private static final Duration FOREVER = Duration.ofDays(5); // AWS's longest MaxUserDurationInSeconds; the engine's timeouts rule

    private final Supplier<XvncStreamingEngine> engine;
    private final ViewerAssets assets;
    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

    StreamingPlane(Supplier<XvncStreamingEngine> engine, ViewerAssets assets) {
        this.engine = engine;
        this.assets = assets;
    }

    @Override
    public String name() {
        return "appstream-streaming";
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of(XvncStreamingEngine.PREFIX);
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        WireRequest request = call.request();
        String path = request.rawPath();
        if (path.startsWith(XvncStreamingEngine.PREFIX + "viewer/") && request.method().equals("GET")) {
            return assets.file(path.substring((XvncStreamingEngine.PREFIX + "viewer/").length()));
        }
        XvncStreamingEngine streaming = started(call);
        if (streaming == null) {
            return page(503, "AppStream 2.0 is not running on this node.");
        }
        if (path.equals(XvncStreamingEngine.PREFIX + "authenticate") && request.method().equals("GET")) {
            return authenticate(streaming, request);
        }
        Matcher m = SESSION.matcher(path);
        if (!m.matches()) {
            return page(404, "Not found.");
        }
        Optional<StreamSession> session = streaming.byCookie(m.group(1), cookie(request, m.group(1)));
        if (session.isEmpty()) {
            return page(403, "Your session has expired. Ask for a new streaming URL.");
        }
        if ("end".equals(m.group(2)) && request.method().equals("POST")) {
            if (!sameOrigin(call)) {
                return page(403, "Cross-origin request refused.");
            }
            streaming.end(session.get().id, "ended by the user");
            return WireResponse.of(204, null, new byte[0]);
        }
        if (m.group(2) == null && request.method().equals("GET")) {
            return viewer(session.get(), streaming.isolated());
        }
        if ("files".equals(m.group(2))) {
            return files(call, streaming, session.get());
        }
        if ("websocket".equals(m.group(2))) {
            return page(426, "Upgrade to a WebSocket.");
        }
        return page(405, "Method not allowed.");
    }

    @Override
    public WebSocketUpgrade upgrade(DataPlaneCall call) {
        Matcher m = SESSION.matcher(call.request().rawPath());
        if (!m.matches() || !"websocket".equals(m.group(2))) {
            return WebSocketUpgrade.refuse(page(404, "Not found."));
        }
        XvncStreamingEngine streaming = started(call);
        if (streaming == null) {
            return WebSocketUpgrade.refuse(page(503, "AppStream 2.0 is not running on this node."));
        }
        if (!sameOrigin(call)) {
            return WebSocketUpgrade.refuse(page(403, "Cross-origin WebSocket refused."));
        }
        Optional<StreamSession> session = streaming.byCookie(m.group(1), cookie(call.request(), m.group(1)));
        if (session.isEmpty() || session.get().display == null) {
            return WebSocketUpgrade.refuse(page(403, "Your session has expired."));
        }
        String offered = call.request().header("Sec-WebSocket-Protocol");
        String subprotocol = offered != null && List.of(offered.split("\\s*,\\s*")).contains("binary") ? "binary" : null;
        return new WebSocketUpgrade(new VncBridge(streaming, session.get()), null, 16L * 1024 * 1024, FOREVER, subprotocol, 0);
    }

    private WireResponse authenticate(XvncStreamingEngine streaming, WireRequest request) {
        List<String> token = request.queryParameters().get("parameters");
        if (token == null || token.size() != 1) {
            return page(403, "This streaming URL is not valid.");
        }
        Optional<StreamSession> session;
        try {
            session = streaming.open(token.getFirst());
        } catch (StreamingException e) {
            if (e.limitReached()) {
                return page(503, "No streaming resources are available right now. Try again later.");
            }
            // the cause (a command's output, paths on this machine) is for the operator's log, not for whoever holds the URL
            org.slf4j.LoggerFactory.getLogger(StreamingPlane.class).warn("a streaming session could not start: {}", e.getMessage());
            return page(500, "The session could not start. The administrator can find the reason in Haneul's log.");
        }
        if (session.isEmpty()) {
            return page(403, "This streaming URL has expired or was already used. Ask for a new one.");
        }
        StreamSession s = session.get();
        String viewer = XvncStreamingEngine.PREFIX + "session/" + s.id + "/";
        Headers headers = html();
        headers.add("Set-Cookie", cookieName(s.id) + "=" + s.cookie + "; Path=" + viewer + "; HttpOnly; SameSite=Strict");
        headers.set("Cache-Control", "no-store");
        headers.set("Referrer-Policy", "no-referrer"); // the used token stays out of the viewer's requests
        String body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>AppStream 2.0</title>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + viewer + "\"></head>"
                + "<body><p>Starting your session&hellip; <a href=\"" + viewer + "\">Open it</a></p></body></html>";
        return new WireResponse(200, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private WireResponse viewer(StreamSession session, boolean isolated) {
        Headers headers = html();
        List<String> embed = session.request.embedHostDomains() == null ? List.of() : session.request.embedHostDomains();
        StringBuilder ancestors = new StringBuilder("frame-ancestors 'self'");
        for (String domain : embed) {
            if (domain.matches("[A-Za-z0-9.-]+")) {
                ancestors.append(' ').append(domain).append(" *.").append(domain);
            }
        }
        headers.set("Content-Security-Policy", ancestors + "; default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'");
        headers.set("Cache-Control", "no-store");
        return new WireResponse(200, headers, assets.viewerPage(session, isolated).getBytes(StandardCharsets.UTF_8));
    }

    private WireResponse files(DataPlaneCall call, XvncStreamingEngine streaming, StreamSession session) {
        WireRequest request = call.request();
        List<String> names = request.queryParameters().get("name");
        String name = names == null || names.size() != 1 ? null : names.getFirst();
        if (!streaming.isolated()) { // the session's home would be Haneul's own
            return page(403, "File transfer is disabled: Haneul runs without root, so sessions have no home of their own.");
        }
        try {
            switch (request.method()) {
                case "GET" -> {
                    if (!FileTransfer.allowed(session.request.userSettings(), FileTransfer.DOWNLOAD, true)) {
                        return page(403, "File download is disabled for this stack.");
                    }
                    if (name == null) {
                        List<SessionFiles.Entry> files = streaming.inHome(session, SessionFiles::list);
                        return WireResponse.of(200, "application/json", json.writeValueAsBytes(java.util.Map.of("files",
                                files.stream().map(f -> java.util.Map.of("path", f.path(), "size", f.size())).toList())));
                    }
                    Optional<byte[]> bytes = streaming.inHome(session, user -> SessionFiles.read(user, name));
                    if (bytes.isEmpty()) {
                        return page(404, "No such file in your home folder.");
                    }
                    Headers h = new Headers();
                    h.set("Content-Type", "application/octet-stream");
                    h.set("Content-Disposition", "attachment; filename*=UTF-8''"
                            + java.net.URLEncoder.encode(name.substring(name.lastIndexOf('/') + 1), StandardCharsets.UTF_8).replace("+", "%20"));
                    h.set("Cache-Control", "no-store");
                    h.set("X-Content-Type-Options", "nosniff");
                    return new WireResponse(200, h, bytes.get());
                }
                case "POST" -> {
                    if (!sameOrigin(call)) {
                        return page(403, "Cross-origin request refused.");
                    }
                    if (!FileTransfer.allowed(session.request.userSettings(), FileTransfer.UPLOAD, true)) {
                        return page(403, "File upload is disabled for this stack.");
                    }
                    if (!SessionFiles.plainName(name)) {
                        return page(400, "Name the file to upload with ?name= (a file name, no folders).");
                    }
                    byte[] body = request.body() == null ? new byte[0] : request.body();
                    if (body.length > SessionFiles.MAX_BYTES) {
                        return page(413, "The file is larger than " + SessionFiles.MAX_BYTES + " bytes.");
                    }
                    streaming.inHome(session, user -> {
                        SessionFiles.write(user, name, body);
                        return null;
                    });
                    return WireResponse.of(204, null, new byte[0]);
                }
                default -> {
                    return page(405, "Method not allowed.");
                }
            }
        } catch (StreamingException e) {
            if (e.limitReached()) {
                return page(413, e.getMessage());
            }
            org.slf4j.LoggerFactory.getLogger(StreamingPlane.class).warn("file transfer of session {} failed: {}", session.id, e.getMessage());
            return page(500, "The file could not be transferred.");
        } catch (java.io.IOException e) {
            return page(500, "The file list could not be written.");
        }
    }

    /** The running engine; the module's provider is started by asking for it (the engine is made with it). */
    private XvncStreamingEngine started(DataPlaneCall call) {
        call.provider();
        return engine.get();
    }

    /** True when the request comes from a page Haneul served: its Origin is the host the request addressed. */
    private static boolean sameOrigin(DataPlaneCall call) {
        String origin = call.request().header("Origin");
        String host = call.request().header("Host");
        return origin != null && host != null && origin.equalsIgnoreCase(call.scheme() + "://" + host);
    }

    static String cookieName(String sessionId) {
        return "appstream-" + sessionId;
    }

    private static String cookie(WireRequest request, String sessionId) {
        String name = cookieName(sessionId);
        for (String header : request.headers().all("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    private static Headers html() {
        Headers h = new Headers();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("X-Content-Type-Options", "nosniff");
        return h;
    }

    private static WireResponse page(int status, String message) {
        Headers h = html();
        h.set("Cache-Control", "no-store");
        String body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>AppStream 2.0</title></head><body><p>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</p></body></html>";
        return new WireResponse(status, h, body.getBytes(StandardCharsets.UTF_8));
    }
}
