package io.haneul.appstream.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServerAddress;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule.InternalRoute;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes this node's streaming engine and what serves it: the module keeps one instance, asks it for
 * the engine when its provider starts ({@link #engine}), and lists its data plane and inspection
 * routes. Settings: {@code appstream-xvnc}, {@code appstream-window-manager},
 * {@code appstream-geometry}, {@code appstream-first-display}, {@code appstream-user-prefix},
 * {@code appstream-home-root}, and for home folders {@code appstream-home-folder-save-seconds},
 * {@code appstream-home-folder-max-mb}, {@code appstream-home-folder-max-files} (docs/appstream.md, "Streaming").
 */
public final class StreamingEngines {

    private final AtomicReference<XvncStreamingEngine> engine = new AtomicReference<>();
    private final ObjectMapper json = new ObjectMapper();

    /** The node's engine, made on first call (closing it ends every session). */
    public synchronized StreamingEngine engine(ServiceEnvironment env) {
        if (engine.get() == null) {
            engine.set(create(env));
        }
        return engine.get();
    }

    private static XvncStreamingEngine create(ServiceEnvironment env) {
        Path data = Path.of(env.setting("data-dir", ".haneul")).toAbsolutePath().resolve("appstream");
        boolean root = isRoot();
        SessionUsers users = new SessionUsers(env.setting("appstream-user-prefix", "haneul-as"),
                Path.of(env.setting("appstream-home-root", "/home")), Path.of(System.getProperty("java.io.tmpdir"), "haneul-appstream-users"), root);
        SessionDisplay.Programs programs = new SessionDisplay.Programs(env.setting("appstream-xvnc", "/usr/bin/Xvnc"),
                env.setting("appstream-window-manager", "/usr/bin/matchbox-window-manager -use_titlebar no"),
                env.setting("appstream-geometry", "1280x720"), data.resolve("run"), data.resolve("logs"));
        HomeFolderSync homes = new HomeFolderSync(() -> env.find(ObjectStorage.class), new HomeFolderSync.Limits(
                Long.parseLong(env.setting("appstream-home-folder-max-mb", "1024")) * 1024 * 1024,
                Integer.parseInt(env.setting("appstream-home-folder-max-files", "10000"))),
                java.time.Clock.systemUTC()); // files are stamped by the operating system's clock, not Haneul's

        return new XvncStreamingEngine(env.clock(),
                () -> env.find(ServerAddress.class).map(ServerAddress::endpoint).orElse("http://localhost:4566"),
                users, programs, Integer.parseInt(env.setting("appstream-first-display", "100")), XvncStreamingEngine.MAX_OPEN_URLS_PER_FLEET,
                homes, Duration.ofSeconds(Long.parseLong(env.setting("appstream-home-folder-save-seconds", "60"))),
                Integer.parseInt(env.setting("appstream-max-warm-displays", Integer.toString(XvncStreamingEngine.MAX_WARM_DISPLAYS))));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The data plane that serves streaming URLs, the viewer and its WebSocket. */
    public List<DataPlane> dataPlanes() {
        return List.of(new StreamingPlane(engine::get, new ViewerAssets()));
    }

    /**
     * Haneul's inspection and operator routes (admin keys in strict mode):
     * {@code GET /_haneul/appstream/streaming-sessions} lists running sessions with their display, OS
     * user and processes (and ALWAYS_ON fleets' pre-warmed displays under {@code warm}); {@code POST
     * /_haneul/appstream/streaming-urls} makes a streaming URL for a launch command without a fleet (JSON:
     * userId, launchPath, launchParameters, sessionContext, validitySeconds, the fleet's timeouts and cap,
     * the stack's userSettings), for trying the engine; {@code POST
     * /_haneul/appstream/streaming-sessions/expire?sessionId=} ends a session.
     */
    public Map<String, InternalRoute> internalRoutes() {
        return Map.of(
                "GET /_haneul/appstream/streaming-sessions", InternalRoute.adminOnly((provider, call) -> list()),
                "POST /_haneul/appstream/streaming-sessions/expire", InternalRoute.adminOnly((provider, call) -> {
                    XvncStreamingEngine e = engine.get();
                    if (e != null && call.param("sessionId") != null) {
                        e.expire(call.param("sessionId"));
                    }
                    return WireResponse.of(204, null, new byte[0]);
                }),
                "POST /_haneul/appstream/streaming-urls", InternalRoute.adminOnly((provider, call) -> url(call.request().body())));
    }

    private WireResponse list() {
        XvncStreamingEngine e = engine.get();
        return ok(Map.of("sessions", e == null ? List.of() : e.details(), "warm", e == null ? List.of() : e.warmDetails(),
                "isolated", e != null && e.isolated()));
    }

    private WireResponse url(byte[] body) {
        XvncStreamingEngine e = engine.get();
        if (e == null) {
            return error(503, "AppStream 2.0 is not running");
        }
        try {
            JsonNode in = json.readTree(body);
            if (in == null || !in.path("launchPath").isTextual() || !in.path("userId").isTextual()) {
                return error(400, "launchPath and userId are required");
            }
            String stack = in.path("stackName").asText("haneul-stack");
            String fleet = in.path("fleetName").asText("haneul-fleet");
            List<String> embed = new ArrayList<>();
            in.path("embedHostDomains").forEach(d -> embed.add(d.asText()));
            SessionRequest request = new SessionRequest("000000000000", "us-east-1", stack, fleet,
                    "arn:aws:appstream:us-east-1:000000000000:fleet/" + fleet, in.path("userId").asText(), null,
                    List.of(new SessionRequest.Launch("app", in.path("launchPath").asText(),
                            in.path("launchParameters").isTextual() ? in.path("launchParameters").asText() : null, null)),
                    in.path("sessionContext").isTextual() ? in.path("sessionContext").asText() : null,
                    in.path("maxUserDurationSeconds").asInt(57600), in.path("disconnectTimeoutSeconds").asInt(900),
                    in.path("idleDisconnectTimeoutSeconds").asInt(0), in.path("maxConcurrentSessions").asInt(0), embed, userSettings(in));
            String url = e.streamingUrl(request, Duration.ofSeconds(in.path("validitySeconds").asLong(60)));
            return ok(Map.of("streamingUrl", url));
        } catch (IOException ex) {
            return error(400, "the body is not JSON");
        } catch (StreamingException ex) {
            return error(ex.limitReached() ? 429 : 500, ex.getMessage());
        }
    }

    /** {"userSettings": {"FILE_UPLOAD": false, ...}} as the stack's user settings (action to enabled). */
    private static Map<String, Boolean> userSettings(JsonNode in) {
        Map<String, Boolean> settings = new java.util.LinkedHashMap<>();
        in.path("userSettings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asBoolean()));
        return settings;
    }

    private WireResponse ok(Object value) {
        try {
            return WireResponse.of(200, "application/json", json.writeValueAsBytes(value));
        } catch (IOException ex) {
            return error(500, ex.getMessage());
        }
    }

    private static WireResponse error(int status, String message) {
        return WireResponse.of(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
