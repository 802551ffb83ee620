package io.haneul.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where Haneul keeps its state, as chosen by the {@code --storage} option: {@code sqlite} (the
 * default; one file {@value Sqlite#FILE_NAME} in the data dir) or a PostgreSQL URL
 * {@code postgresql://user:pass@host:port/db?param=value} ({@code postgres://} is accepted too),
 * which several nodes may share. Query parameters are handed to the JDBC driver (e.g.
 * {@code sslmode=require}).
 */
public sealed interface StorageConfig permits StorageConfig.Sqlite, StorageConfig.Postgres {

    Dialect dialect();

    /**
     * Parses the {@code --storage} option; null or blank means SQLite.
     *
     * @throws IllegalArgumentException with a message fit for the command line
     */
    static StorageConfig parse(String option) {
        if (option == null || option.isBlank() || option.strip().equalsIgnoreCase("sqlite")) {
            return new Sqlite();
        }
        String text = option.strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
            throw new IllegalArgumentException("--storage must be 'sqlite' or postgresql://user:pass@host:port/db, got: "
                    + redact(text));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--storage: not a valid PostgreSQL URL: " + redact(text), e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--storage: PostgreSQL URL has no host: " + redact(text));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.startsWith("/") ? decode(path.substring(1)) : decode(path);
        if (database.isEmpty()) {
            database = user != null ? user : "postgres";
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password, params);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }

    /** The embedded default: one SQLite database file in the data dir. */
    record Sqlite() implements StorageConfig {
        /** The database file's name inside the data dir. */
        public static final String FILE_NAME = "haneul.db";

        @Override
        public Dialect dialect() {
            return Dialect.SQLITE;
        }

        /** The database file for the given data dir. */
        public Path databaseFile(Path dataDir) {
            return dataDir.resolve(FILE_NAME);
        }
    }

    /**
     * A PostgreSQL server shared by the nodes; {@link #toString()} hides the password.
     *
     * @param user       may be null (the driver's default)
     * @param password   may be null
     * @param parameters extra JDBC driver parameters, in order
     */
    record Postgres(String host, int port, String database, String user, String password,
                    Map<String, String> parameters) implements StorageConfig {
        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRES;
        }

        /** The JDBC URL, without credentials (those go in the connection properties). */
        public String jdbcUrl() {
            String query = parameters.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return "jdbc:postgresql://" + host + ":" + port + "/" + enc(database) + (query.isEmpty() ? "" : "?" + query);
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        @Override
        public String toString() {
            return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                    + host + ":" + port + "/" + database;
        }
    }
}
