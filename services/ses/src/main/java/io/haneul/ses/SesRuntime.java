package io.haneul.ses;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.ses.domain.SendRate;
import io.haneul.ses.domain.TemplateRenderer;
import io.haneul.ses.smtp.SmtpListener;
import io.haneul.ses.smtp.SmtpOptions;
import io.haneul.ses.store.SesStore;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Everything SES runs, shared by the v1 and v2 providers and the SMTP listener: the store, the
 * services over it, the job handlers on the durable scheduler and the SMTP listener (started with
 * the runtime, so with the server).
 */
final class SesRuntime implements AutoCloseable {

    private final SesStore store;
    private final Docs docs;
    private final SesSettings settings;
    private final Clock clock;
    private final Identities identities;
    private final Templates templates;
    private final ConfigSets configSets;
    private final Accounts accounts;
    private final Receiving receiving;
    private final Mailer mailer;
    private final Events events;
    private final Contacts contacts;
    private final CustomTemplates customTemplates;
    private final SmtpListener smtp;
    /** Why the SMTP listener is not running although configured (a busy port), or null. */
    private volatile String smtpFailure;
    private final io.haneul.ses.domain.ClickSignature clickSignature;
    private volatile boolean closed;
    private final ServiceEnvironment env;

    SesRuntime(ServiceEnvironment env) {
        this.env = env;
        io.haneul.ses.domain.JakartaMail.fastStreamProvider();
        this.clock = env.clock();
        this.settings = SesSettings.from(env);
        this.store = new SesStore(env.require(Database.class), settings.mailbox());
        this.docs = new Docs(store);
        this.clickSignature = new io.haneul.ses.domain.ClickSignature(linkSecret(store));
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        TemplateRenderer renderer = new TemplateRenderer();
        this.identities = new Identities(docs, clock, settings);
        this.templates = new Templates(docs, clock, renderer);
        this.configSets = new ConfigSets(docs, clock, arn -> env.find(io.haneul.core.spi.TopicDelivery.class)
                .map(t -> t.topicExists(arn)).orElse(true));
        this.accounts = new Accounts(docs, store, settings, clock);
        this.receiving = new Receiving(store, docs, clock, env, scheduler);
        this.mailer = new Mailer(store, docs, identities, renderer, new SendRate(clock), settings, clock, scheduler, receiving,
                clickSignature, io.haneul.core.spi.EventFeed.of(env));
        identities.mailer(mailer);
        receiving.mailer(mailer);
        this.contacts = new Contacts(docs, clock);
        this.customTemplates = new CustomTemplates(docs, clock);
        this.events = new Events(store, docs, env, clock, scheduler);
        Relay relay = new Relay(store, docs, settings, events, clock);
        scheduler.register(Events.JOB, events::handle);
        scheduler.register(Relay.JOB, relay::handle);
        scheduler.register(Receiving.JOB, receiving::handle);
        this.smtp = settings.smtpPort() >= 0 ? startSmtp(env) : null;
    }

    private SmtpListener startSmtp(ServiceEnvironment env) {
        try {
            return SmtpListener.start(new SmtpOptions(settings.smtpHost(), settings.smtpPort(), settings.smtpRequireTls(),
                    Outgoing.V2_MAX, settings.smtpSpoolDir(), settings.smtpMemoryBytes()),
                    new SmtpIntakeImpl(this, env));
        } catch (RuntimeException e) {
            // a busy port must not take the HTTP APIs down with it; the health report then shows no SMTP
            LoggerFactory.getLogger(SesRuntime.class).error("SES SMTP cannot listen on port {}: {}", settings.smtpPort(), e.toString());
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            smtpFailure = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return null;
        }
    }

    /**
     * The secret click-tracking links are signed with: random on the first start, then read from the
     * store, so that links in mail already sent keep working after a restart and on every node.
     */
    private static byte[] linkSecret(SesStore store) {
        String stored = store.serverSecret("click-links", () -> {
            byte[] fresh = new byte[32];
            new java.security.SecureRandom().nextBytes(fresh);
            return java.util.Base64.getEncoder().encodeToString(fresh);
        });
        return java.util.Base64.getDecoder().decode(stored);
    }

    SesStore store() {
        return store;
    }

    io.haneul.ses.domain.ClickSignature clickSignature() {
        return clickSignature;
    }

    /** Another service's offer (S3's ObjectStorage for import and export jobs), looked up when needed. */
    <T> java.util.Optional<T> find(Class<T> type) {
        return env.find(type);
    }

    Docs docs() {
        return docs;
    }

    SesSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    Identities identities() {
        return identities;
    }

    Templates templates() {
        return templates;
    }

    ConfigSets configSets() {
        return configSets;
    }

    Accounts accounts() {
        return accounts;
    }

    Receiving receiving() {
        return receiving;
    }

    Mailer mailer() {
        return mailer;
    }

    Contacts contacts() {
        return contacts;
    }

    CustomTemplates customTemplates() {
        return customTemplates;
    }

    Events events() {
        return events;
    }

    /** The SMTP listener's bound port, or -1 when it does not run. */
    int smtpPort() {
        return smtp == null ? -1 : smtp.port();
    }

    /**
     * The SMTP listener's real state for the health report: {@code listening}, {@code disabled}
     * ({@code --smtp-port -1}) or {@code failed} (it could not bind; {@link #smtpFailure} says why).
     */
    public String smtpState() {
        return smtp != null ? "listening" : smtpFailure != null ? "failed" : "disabled";
    }

    /** Why the listener could not start, or null. */
    public String smtpFailure() {
        return smtpFailure;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (smtp != null) {
                smtp.close();
            }
        }
    }
}
