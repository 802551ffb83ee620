package io.haneul.server;

import io.haneul.core.auth.CredentialsFile;
import io.haneul.core.auth.SigV4Verifier;
import io.haneul.core.engine.ProtocolEngine;
import io.haneul.core.validation.ModelValidator;
import io.haneul.core.routing.ServiceResolver;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.server.auth.Authenticator;
import io.haneul.server.config.HaneulConfig;
import io.haneul.server.http.HaneulHandler;
import io.haneul.server.http.RequestRouter;
import io.haneul.server.internal.Coverage;
import io.haneul.server.internal.InternalAccess;
import io.haneul.server.internal.InternalEndpoints;
import io.haneul.server.internal.RequestMetrics;
import io.haneul.server.internal.EventStream;
import io.haneul.server.internal.RequestLog;
import io.haneul.server.console.ConsoleAssets;
import io.haneul.server.services.ServiceRegistry;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.DurableScheduler;
import io.haneul.storage.Notifier;
import io.haneul.storage.StorageConfig;
import io.haneul.storage.StorageUnavailableException;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * One Haneul node: the listener, the protocol engine, the services and the store, wired together.
 * Tests start it on port 0 and stop it; {@link Main} runs it until the process ends.
 */
public final class HaneulServer implements AutoCloseable {

    public static final String VERSION = "0.1.0";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HaneulServer.class);

    private final HaneulConfig config;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new java.util.ArrayList<>();
    private Server jetty;
    private ServerConnector connector;
    private ServerConnector tlsConnector;
    private ServiceRegistry registry;
    private NodeStorage storage;
    private EventStream events;

    public HaneulServer(HaneulConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public HaneulServer start() throws Exception {
        long t0 = System.nanoTime();
        StorageConfig storageConfig = StorageConfig.parse(config.storage());
        CompletableFuture<Database> database = CompletableFuture.supplyAsync(
                () -> Databases.open(storageConfig, config.dataDir(), clock));
        storage = new NodeStorage(database, clock, storageConfig instanceof StorageConfig.Postgres ? storageConfig.toString() : "sqlite");
        try {
            listen();
        } catch (Exception e) {
            // e.g. the HTTPS port is taken or its certificate cannot be kept: the store opened above closes
            throw stopAfterFailedStart(e);
        }
        boolean ready;
        try {
            ready = storage.start(registry::startEager);
        } catch (RuntimeException e) {
            throw stopAfterFailedStart(new IllegalStateException("cannot open storage " + storageConfig + ": " + e.getMessage(), e));
        }
        if (ready) {
            try {
                registry.startEager();
            } catch (RuntimeException e) {
                // a module refused this node's configuration (e.g. S3's blob store differs from its cluster's)
                throw stopAfterFailedStart(new IllegalStateException(e.getMessage(), e));
            }
        }
        LOG.debug("startup: storage ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    /** Wires the services to the store (which may still be opening) and starts the listeners. */
    private void listen() throws Exception {
        long t1 = System.nanoTime();
        Map<Class<?>, Supplier<?>> components = new LinkedHashMap<>();
        components.put(Database.class, storage::database);
        components.put(DurableScheduler.class, storage::scheduler);
        components.put(Notifier.class, () -> storage.database().notifier());
        io.haneul.core.auth.SessionCredentials sessions = new io.haneul.core.auth.SessionCredentials(clock);
        components.put(io.haneul.core.auth.SessionCredentials.class, () -> sessions);
        io.haneul.core.auth.CredentialsStore credentials = config.strictAuth() ? sessions.after(CredentialsFile.load(config.credentials())) : null;
        components.put(io.haneul.core.spi.ServerAddress.class, () -> new io.haneul.core.spi.ServerAddress(endpoint()));
        components.put(io.haneul.core.auth.FormSignatures.class, () -> new io.haneul.core.auth.FormSignatures(credentials));
        events = new EventStream(clock);
        components.put(io.haneul.core.spi.EventFeed.class, () -> events);
        java.util.concurrent.atomic.AtomicReference<io.haneul.core.spi.AwsApiCall> inProcess = new java.util.concurrent.atomic.AtomicReference<>();
        components.put(io.haneul.core.spi.AwsApiCall.class, inProcess::get);
        registry = new ServiceRegistry(r -> new ServiceEnvironment(clock, components, config.all(), r::export),
                config::serviceEnabled, HaneulServer.class.getClassLoader());
        long t2 = System.nanoTime();
        RequestMetrics metrics = new RequestMetrics(registry::counters);
        RequestLog requestLog = new RequestLog(clock);
        io.haneul.core.engine.RequestObserver observers = RequestLog.alongside(metrics, requestLog);
        ProtocolEngine engine = new ProtocolEngine(new ModelValidator(), observers,
                e -> StorageUnavailableException.isUnreachable(e) ? io.haneul.core.error.CommonErrors.unavailable() : null);
        Coverage coverage = new Coverage(registry);
        io.haneul.core.engine.BodyBudget bodyBudget = new io.haneul.core.engine.BodyBudget(config.maxBufferedBytes());
        SigV4Verifier verifier = credentials != null ? new SigV4Verifier(credentials, clock) : null;
        Authenticator authenticator = new Authenticator(verifier, sessions);
        InternalEndpoints internal = new InternalEndpoints(this::health, coverage::report, metrics,
                new InternalAccess(authenticator, credentials));
        registry.internalRoutes().forEach((key, route) -> internal.register(key, route.access(), route.handler()));
        internal.register("GET /_haneul/events", io.haneul.core.internal.RouteAccess.SIGNED, events::handle);
        internal.register("GET /_haneul/requests", io.haneul.core.internal.RouteAccess.SIGNED,
                call -> internal.jsonResponse(200, requestLog.page(call)));
        // server-wide (it changes what every request costs): in strict mode an admin's act
        internal.register("POST /_haneul/requests/recording", io.haneul.core.internal.RouteAccess.ADMIN,
                call -> internal.jsonResponse(200, requestLog.setRecording(call)));
        internal.register("GET " + ConsoleAssets.PREFIX, io.haneul.core.internal.RouteAccess.OPEN,
                new ConsoleAssets(HaneulServer.class.getClassLoader())::handle);
        ServiceResolver resolver = new ServiceResolver(registry.models(), config.defaultRegion(), registry::requestUris,
                registry.apiAddressing());
        RequestRouter router = new RequestRouter(internal, resolver, registry, authenticator, engine, clock, observers, bodyBudget);
        inProcess.set(new io.haneul.server.http.InProcessCalls(resolver, registry, engine, clock));

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("haneul-http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("haneul-req-", 0).factory()));
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(16 * 1024);
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.LEGACY);
        // Jetty's header cache would hand back its own spelling of a known value ("charset=utf-8" for
        // "charset=UTF-8"), and SigV4 signs header values as sent.
        http.setHeaderCacheCaseSensitive(true);
        http.setHeaderCacheSize(0);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        // a client that stops sending (a half-sent body, a silent connection) is let go after this long
        connector.setIdleTimeout(Long.parseLong(config.all().getOrDefault("idle-timeout", "30")) * 1000);
        jetty.addConnector(connector);
        if (!config.all().getOrDefault("tls-port", "").isBlank()) {
            tlsConnector = io.haneul.server.http.TlsListener.add(jetty, http, config.host(), Integer.parseInt(config.all().get("tls-port")),
                    connector.getIdleTimeout(), config.dataDir());
        }
        jetty.setHandler(new HaneulHandler(router, config.maxBodyBytes(), bodyBudget,
                org.eclipse.jetty.websocket.server.ServerWebSocketContainer.ensure(jetty)));
        jetty.setErrorHandler(HaneulHandler.errorHandler());
        jetty.start();
        LOG.debug("startup: models {} ms, listener {} ms", (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }

    /** Stops what a failed start had opened (listeners, providers, the store) and answers {@code failure} to throw. */
    private <T extends Throwable> T stopAfterFailedStart(T failure) {
        try {
            close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** The port actually bound (useful with {@code --port 0}). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The HTTPS port actually bound, or -1 without {@code --tls-port}. */
    public int tlsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    public String endpoint() {
        return "http://" + ("0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host()) + ":" + port();
    }

    private Object health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "running");
        h.put("version", VERSION);
        h.put("storage", storage.failure() != null ? "failed" : !storage.ready() ? "unavailable"
                : config.storage().startsWith("postgres") ? "postgresql" : config.storage());
        if (storage.failure() != null) {
            h.put("storageError", storage.failure());
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (var model : registry.models()) {
            services.put(model.id(), registry.isAnswered(model.id()) ? "running"
                    : registry.moduleId(model.id()).isPresent() ? "disabled" : "not implemented");
        }
        h.put("services", services);
        registry.healthDetails().forEach(h::putIfAbsent);
        return h;
    }

    @Override
    public void close() throws Exception {
        if (events != null) {
            events.close(); // open event streams end, so that the listener stops at once
        }
        if (jetty != null) {
            jetty.stop();
        }
        if (registry != null) {
            registry.closeProviders();
        }
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        if (storage != null) {
            storage.close();
        }
    }
}
