package io.haneul.ses;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.ses.domain.SimpleMail;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.StorageConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Server-side cost of the capture path without HTTP or SDK: {@code java -cp ... io.haneul.ses.CaptureBench [messages] [threads]}.
 * A tool for profiling, not a test.
 */
public final class CaptureBench {

    private CaptureBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path dir = Files.createTempDirectory("ses-bench");
        Clock clock = Clock.systemUTC();
        Database db = Databases.open(StorageConfig.parse("sqlite"), dir, clock);
        DurableScheduler scheduler = new DurableScheduler(db, clock);
        ServiceEnvironment env = new ServiceEnvironment(clock, Map.of(Database.class, () -> db, DurableScheduler.class, () -> scheduler),
                Map.of("smtp-port", "-1"));
        SesRuntime rt = new SesRuntime(env);
        Scope s = new Scope("000000000000", "us-east-1", "http://localhost:4566");
        rt.identities().verifyEmail(s, "bench@example.com", false);
        for (int round = 0; round < 2; round++) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                fs.add(pool.submit(() -> {
                    for (int i = from; i < n; i += threads) {
                        String to = "r" + i + "@example.net";
                        SimpleMail m = new SimpleMail("bench@example.com", List.of(to), List.of(), List.of(), "bench " + i, null, "hello",
                                null, "<p>hello</p>", null, List.of(), List.of());
                        rt.mailer().send(new Outgoing(s, "bench@example.com", List.of(to), List.of(), List.of(), m, null, null, null, null,
                                Map.of(), null, null, null, Outgoing.V1_MAX, null, null));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("capture: %d messages in %.2f s = %.0f/s%n", n, secs, n / secs);
            pool.shutdown();
        }
        rt.close();
        scheduler.close();
        db.close();
    }
}
