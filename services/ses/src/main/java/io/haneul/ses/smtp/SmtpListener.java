package io.haneul.ses.smtp;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * SES's SMTP interface: SubEthaSMTP on {@code --smtp-port} (default 2525), STARTTLS with a
 * certificate generated at start, AUTH PLAIN and LOGIN (SES SMTP credentials, or anything in
 * permissive mode), sessions on virtual threads. Authenticated mail is sent like SendRawEmail;
 * unauthenticated mail is accepted for recipients an active receipt rule set receives, and (in
 * permissive mode) sent as the default account.
 *
 * <p>Memory: DATA beyond 32 KiB is streamed to a spool file (552 past the size limit), then read back only
 * within a {@link MemoryBudget} (452, try again later, when it does not fit), so concurrent large
 * messages cannot exhaust the heap. Logs: the library's per-line trace (which shows AUTH
 * credentials) is kept off (see {@link SmtpTrace}); transactions are logged here without them.
 */
public final class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    /** How long a complete message waits for memory before its client is told to try again later. */
    private static final long MEMORY_WAIT_SECONDS = 5;

    private final SMTPServer server;
    private final ExecutorService executor;

    private SmtpListener(SMTPServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening; {@code port} 0 takes any free port. */
    public static SmtpListener start(SmtpOptions options, SmtpIntake intake) {
        SmtpTrace.keepCredentialsOutOfLogs();
        String host = options.host();
        DataSpool spool = new DataSpool(options.spoolDir(), options.maxMessageBytes());
        try {
            spool.clearLeftovers();
        } catch (IOException e) {
            LOG.warn("SMTP spool {} could not be cleared: {}", options.spoolDir(), e.toString());
        }
        MemoryBudget memory = new MemoryBudget(options.memoryBytes());
        EasyAuthenticationHandlerFactory mechanisms = new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
            if (!intake.login(user, password)) {
                throw new LoginFailedException("Authentication Credentials Invalid");
            }
        });
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("haneul-smtp-", 0).factory());
        // the key pair takes a moment: made in the background, awaited by the first STARTTLS
        java.util.concurrent.CompletableFuture<SelfSignedTls> tls = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> SelfSignedTls.generate("localhost"), executor);
        SMTPServer.Builder b = SMTPServer.port(options.port())
                .hostName("email-smtp.haneul.local")
                .softwareName("Amazon SES (Haneul)")
                .executorService(executor)
                .maxConnections(2_000)
                .maxRecipients(50)
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, options.maxMessageBytes()))
                .connectionTimeout(5, java.util.concurrent.TimeUnit.MINUTES)
                .enableTLS()
                .startTlsSocketFactory(socket -> {
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.join().context().getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    return ssl;
                })
                .requireTLS(options.requireTls())
                .showAuthCapabilitiesBeforeSTARTTLS(!options.requireTls())
                .authenticationHandlerFactory(mechanisms)
                .messageHandlerFactory(ctx -> new Handler(ctx, intake, spool, memory));
        try {
            if (host != null && !host.isBlank()) {
                b.bindAddress(InetAddress.getByName(host));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot bind SMTP to " + host, e);
        }
        SMTPServer server = b.build();
        server.start();
        LOG.info("SES SMTP listening on port {}", server.getPortAllocated());
        return new SmtpListener(server, executor);
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
        executor.shutdownNow();
    }

    /** One mail transaction. */
    private static final class Handler implements MessageHandler {
        private final MessageContext ctx;
        private final SmtpIntake intake;
        private final DataSpool spool;
        private final MemoryBudget memory;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext ctx, SmtpIntake intake, DataSpool spool, MemoryBudget memory) {
            this.ctx = ctx;
            this.intake = intake;
            this.spool = spool;
            this.memory = memory;
        }

        private String account() {
            return ctx.getAuthenticationHandler().map(h -> h.getIdentity()).map(Object::toString)
                    .map(intake::account).orElse(null);
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (account() == null && !intake.openRelay() && !intake.receives(recipient)) {
                throw new RejectException(530, "5.7.1 Authentication required");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            try (DataSpool.Received message = spool.receive(data)) {
                long size = message.size();
                LOG.debug("SMTP {} MAIL FROM:<{}> to {} recipient(s), {} bytes, authenticated: {}", ctx.getSessionId(), from,
                        recipients.size(), size, account() != null);
                if (!memory.fits(size)) {
                    throw new RejectException(552, "5.3.4 Message too large for this server's memory");
                }
                if (!memory.tryAcquire(size, MEMORY_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new RejectException(452, "4.3.1 Insufficient system resources, try again later");
                }
                try {
                    return submit(message.bytes());
                } finally {
                    memory.release(size);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectException(421, "4.3.2 Service shutting down");
            }
        }

        private String submit(byte[] raw) throws RejectException {
            String ip = ctx.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
            try {
                return "Ok " + intake.submit(account(), from, List.copyOf(recipients), raw, ip);
            } catch (SmtpIntake.Rejected e) {
                throw new RejectException(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                // answered, not thrown: the library would close the session with 421
                LOG.warn("SMTP message could not be processed", e);
                throw new RejectException(451, "4.3.0 Local error in processing");
            }
        }

        @Override
        public void done() {
        }
    }
}
