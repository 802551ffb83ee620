package io.haneul.it.ses;

import io.haneul.it.support.TestServer;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.ses.SesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the capture path (target: 1,000 messages/s) through SendEmail and through SMTP over 8
 * connections. A benchmark, not a test: run with {@code -Dses.bench=true}.
 */
@EnabledIfSystemProperty(named = "ses.bench", matches = "true")
class SesThroughputIT {

    static final int MESSAGES = Integer.getInteger("ses.bench.messages", 10_000);

    @Test
    void sendEmailAndSmtp() throws Exception {
        try (TestServer server = TestServer.start(); SesClient ses = Ses.v1(server)) {
            ses.verifyEmailIdentity(b -> b.emailAddress("bench@example.com"));
            int threads = 32;
            run("warm-up", 1_000, threads, i -> send(ses, i));
            run("SendEmail", MESSAGES, threads, i -> send(ses, i));

            try (SesClient dflt = Ses.v1(server, "000000000000")) {
                dflt.verifyEmailIdentity(b -> b.emailAddress("bench@example.com"));
            }
            int port = Ses.smtpPort(server);
            run("SMTP 8 connections", MESSAGES, 8, new SmtpWorker(port)::send);
        }
    }

    private static void send(SesClient ses, int i) {
        ses.sendEmail(b -> b.source("bench@example.com").destination(d -> d.toAddresses("r" + i + "@example.net"))
                .message(m -> m.subject(s -> s.data("bench " + i)).body(x -> x.text(t -> t.data("hello")).html(h -> h.data("<p>hello</p>")))));
    }

    interface Op {
        void run(int i) throws Exception;
    }

    private static void run(String name, int n, int threads, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            all.add(pool.submit(() -> {
                for (int i = from; i < n; i += threads) {
                    op.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf("BENCH %s: %d messages in %.2f s = %.0f messages/s%n", name, n, secs, n / secs);
        pool.shutdown();
    }

    /** One SMTP connection per thread, kept open across messages. */
    static final class SmtpWorker {
        private final Session session;
        private final ThreadLocal<Transport> transport;

        SmtpWorker(int port) {
            session = SesSmtpIT.session(port, false, "000000000000", "x");
            transport = ThreadLocal.withInitial(() -> {
                try {
                    Transport t = session.getTransport("smtp");
                    t.connect("000000000000", "x");
                    return t;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        void send(int i) throws Exception {
            MimeMessage m = SesSmtpIT.message(session, "bench@example.com", "s" + i + "@example.net", "smtp " + i);
            m.saveChanges();
            transport.get().sendMessage(m, m.getAllRecipients());
        }
    }
}
