package io.haneul.server.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's settings. Each option comes from {@code --name value} (or {@code --name=value}),
 * else the environment variable {@code HANEUL_<NAME>} (upper case, dashes as underscores), else its
 * default.
 */
public record HaneulConfig(int port, String host, Path dataDir, Set<String> services, String storage,
                           String auth, Path credentials, String logLevel, long maxBodyBytes,
                           String defaultRegion, Map<String, String> all) {

    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("port", "4566");
        d.put("host", "127.0.0.1");
        d.put("data-dir", ".haneul");
        d.put("services", "all");
        d.put("storage", "sqlite");
        d.put("auth", "permissive");
        d.put("credentials", "");
        d.put("log-level", "info");
        d.put("max-body-bytes", String.valueOf(64L * 1024 * 1024));
        d.put("region", "us-east-1");
        d.put("idle-timeout", "30");
        d.put("max-buffered-bytes", "");
        return Map.copyOf(d);
    }

    /** Reads options from arguments over the environment over defaults. */
    public static HaneulConfig from(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        env.forEach((k, v) -> {
            if (k.startsWith("HANEUL_")) {
                values.put(k.substring(7).toLowerCase(Locale.ROOT).replace('_', '-'), v);
            }
        });
        List<String> list = Arrays.asList(args);
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < list.size() && !list.get(i + 1).startsWith("--")) {
                value = list.get(++i);
            } else {
                value = "true";
            }
            values.put(name, value);
        }
        return of(values);
    }

    static HaneulConfig of(Map<String, String> v) {
        int port = parsePort(v, "port");
        if (!v.getOrDefault("tls-port", "").isBlank()) {
            parsePort(v, "tls-port"); // refused at start, not when the listener opens
        }
        String auth = v.get("auth");
        if (!auth.equals("permissive") && !auth.equals("strict")) {
            throw new IllegalArgumentException("--auth must be permissive or strict, not " + auth);
        }
        String creds = v.get("credentials");
        if (auth.equals("strict") && creds.isBlank()) {
            throw new IllegalArgumentException("--auth strict needs --credentials FILE");
        }
        Set<String> services = new TreeSet<>();
        for (String s : v.get("services").split(",")) {
            if (!s.isBlank()) {
                services.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        HaneulConfig config = new HaneulConfig(port, v.get("host"), Path.of(v.get("data-dir")), Set.copyOf(services),
                v.get("storage"), auth, creds.isBlank() ? null : Path.of(creds), v.get("log-level"),
                Long.parseLong(v.get("max-body-bytes")), v.get("region"), Map.copyOf(v));
        config.maxBufferedBytes(); // refused at start, not at the first request
        return config;
    }

    /** A port to listen on: 0 (any free one) to 65535. */
    private static int parsePort(Map<String, String> v, String name) {
        int port = parseInt(v, name);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port number from 0 to 65535, not " + v.get(name));
        }
        return port;
    }

    private static int parseInt(Map<String, String> v, String name) {
        try {
            return Integer.parseInt(v.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + v.get(name));
        }
    }

    /**
     * {@code --max-buffered-bytes}: the most bytes of request bodies held in memory at once across
     * all requests (streamed S3 bodies excepted); by default a quarter of the largest heap, which
     * leaves room for what parsing a body costs beside the bytes themselves.
     */
    public long maxBufferedBytes() {
        String value = all.getOrDefault("max-buffered-bytes", "");
        if (value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().maxMemory() / 4);
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes < 1) {
                throw new NumberFormatException();
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-buffered-bytes must be a positive number of bytes, not " + value);
        }
    }

    public boolean serviceEnabled(String id) {
        return services.contains("all") || services.contains(id);
    }

    public boolean strictAuth() {
        return auth.equals("strict");
    }
}
