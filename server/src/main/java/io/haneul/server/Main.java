package io.haneul.server;

import io.haneul.server.config.HaneulConfig;

import java.time.Clock;

/**
 * Starts a Haneul node in the foreground: {@code java -jar haneul-server.jar [--port 4566] ...}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        StartupShortcuts.applySettings();
        HaneulConfig config;
        try {
            config = HaneulConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("haneul: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.logLevel());
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        StartupShortcuts.preloadInBackground(); // after the logging settings: the classes it loads log
        HaneulServer server = new HaneulServer(config, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }));
        System.out.printf("Haneul %s ready on %s (started in %d ms)%n", HaneulServer.VERSION, server.endpoint(),
                (System.nanoTime() - start) / 1_000_000);
        if (server.tlsPort() >= 0) {
            System.out.printf("HTTPS on port %d (certificate: %s)%n", server.tlsPort(),
                    config.dataDir().resolve("tls").resolve(io.haneul.server.http.TlsListener.CERTIFICATE).toAbsolutePath());
        }
    }
}
