package io.haneul.server.console;

import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the web console's compiled assets (the {@code haneul-console} module puts them on the class
 * path under {@code haneul-console/}) at {@code /_haneul/console}: no Node at run time.
 *
 * <p>Why two cache rules: Vite names every asset after its content hash, so {@code /assets/...} may be
 * cached for a year; {@code index.html} names the current hashes and must be asked for again. Any
 * other path below the console is one of the application's own routes (e.g. {@code /sqs}) and gets
 * {@code index.html}, so a reload or a shared link opens that page. The assets hold no data, so the
 * route is open; the application signs its own calls.
 */
public final class ConsoleAssets {

    public static final String PREFIX = "/_haneul/console";
    private static final String ROOT = "haneul-console/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json", "woff2", "font/woff2");

    private final ClassLoader loader;

    public ConsoleAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** The answer to {@code GET /_haneul/console...}. */
    public WireResponse handle(InternalCall call) {
        String path = call.request().rawPath().substring(PREFIX.length());
        if (path.startsWith("/assets/") && !path.contains("..") && !path.contains("//")) {
            byte[] asset = read(ROOT + path.substring(1));
            if (asset != null) {
                return answer(asset, type(path), "public, max-age=31536000, immutable");
            }
            return WireResponse.of(404, "text/plain; charset=utf-8", "no such console asset".getBytes(StandardCharsets.UTF_8));
        }
        byte[] index = read(ROOT + "index.html");
        if (index == null) {
            return WireResponse.of(404, "text/plain; charset=utf-8",
                    "The console was not built into this server (build the haneul-console module with Node and npm)"
                            .getBytes(StandardCharsets.UTF_8));
        }
        return answer(index, TYPES.get("html"), "no-cache");
    }

    private static WireResponse answer(byte[] body, String type, String cacheControl) {
        Headers h = new Headers();
        h.set("Content-Type", type);
        h.set("Cache-Control", cacheControl);
        h.set("X-Content-Type-Options", "nosniff");
        // the console holds the signed-in key and can delete things: no other site may frame it
        h.set("Content-Security-Policy", "frame-ancestors 'self'");
        h.set("X-Frame-Options", "SAMEORIGIN");
        return new WireResponse(200, h, body);
    }

    private static String type(String path) {
        int dot = path.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : path.substring(dot + 1), "application/octet-stream");
    }

    private byte[] read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
