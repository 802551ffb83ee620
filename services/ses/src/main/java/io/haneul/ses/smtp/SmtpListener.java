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

/**
 * SES's SMTP interface: SubEthaSMTP on {@code --smtp-port} (default 2525), STARTTLS with a
 * certificate generated at start, AUTH PLAIN and LOGIN (SES SMTP credentials, or anything in
 * permissive mode), sessions on virtual threads. Authenticated mail is sent like SendRawEmail;
 * unauthenticated mail is accepted for recipients an active receipt rule set receives, and (in
 * permissive mode) sent as the default account.
 */
public final class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);
    private static final int MAX_MESSAGE_BYTES = 40 * 1024 * 1024 + 64 * 1024;

    private final SMTPServer server;
    private final ExecutorService executor;

    private SmtpListener(SMTPServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening; {@code port} 0 takes any free port. */
    public static SmtpListener start(String host, int port, boolean requireTls, SmtpIntake intake) {
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("haneul-smtp-", 0).factory());
        // the key pair takes a moment: made in the background, awaited by the first STARTTLS
        java.util.concurrent.CompletableFuture<SelfSignedTls> tls = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> SelfSignedTls.generate("localhost"), executor);
        SMTPServer.Builder b = SMTPServer.port(port)
                .hostName("email-smtp.haneul.local")
                .softwareName("Amazon SES (Haneul)")
                .executorService(executor)
                .maxConnections(2_000)
                .maxRecipients(50)
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .connectionTimeout(5, java.util.concurrent.TimeUnit.MINUTES)
                .enableTLS()
                .startTlsSocketFactory(socket -> {
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.join().context().getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    return ssl;
                })
                .requireTLS(requireTls)
                .showAuthCapabilitiesBeforeSTARTTLS(!requireTls)
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, ctx) -> {
                    if (!intake.login(user, password)) {
                        throw new LoginFailedException("Authentication Credentials Invalid");
                    }
                }))
                .messageHandlerFactory(ctx -> new Handler(ctx, intake));
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
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext ctx, SmtpIntake intake) {
            this.ctx = ctx;
            this.intake = intake;
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
            byte[] raw = data.readAllBytes();
            String ip = ctx.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
            try {
                return "Ok " + intake.submit(account(), from, List.copyOf(recipients), raw, ip);
            } catch (SmtpIntake.Rejected e) {
                throw new RejectException(e.code(), e.getMessage());
            }
        }

        @Override
        public void done() {
        }
    }
}
