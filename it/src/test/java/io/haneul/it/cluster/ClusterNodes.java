package io.haneul.it.cluster;

import io.haneul.server.HaneulServer;
import io.haneul.server.config.HaneulConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers of the cluster tests: PostgreSQL servers the test can stop and restart, nodes, clients. */
final class ClusterNodes {

    private ClusterNodes() {
    }

    /** A port nothing listens on (just released by the OS). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** PostgreSQL on a fixed port and data dir, so that it can be stopped and started again with its data. */
    static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200").start();
    }

    /** A new empty database on {@code pg}, as a {@code --storage} URL. */
    static String newDatabase(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/" + name;
    }

    /** An in-process node on its own port and data dir. */
    static HaneulServer node(Path dataDir, String storage, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(),
                "--storage", storage));
        args.addAll(List.of(extra));
        if (!args.contains("--smtp-port")) {
            args.addAll(List.of("--smtp-port", "0"));
        }
        return new HaneulServer(HaneulConfig.from(args.toArray(String[]::new), Map.of()), Clock.systemUTC()).start();
    }

    /** An SQS client without retries, so that each call shows what the node answered. */
    static SqsClient sqs(HaneulServer node) {
        return SqsClient.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("000000000000", "secret")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** The node's health document, as text. */
    static String health(HaneulServer node) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/_haneul/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    /** Waits (up to a generous limit) until the condition holds; false if it never did. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static Path dir(Path parent, String name) throws IOException {
        return Files.createDirectories(parent.resolve(name));
    }
}
