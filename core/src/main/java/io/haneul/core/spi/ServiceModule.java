package io.haneul.core.spi;

import java.util.List;

/**
 * One AWS service Haneul serves, found by {@link java.util.ServiceLoader}: its API model files and
 * a factory for its provider. A service module depends on core (and storage), never on the server.
 */
public interface ServiceModule {

    /** Short id users name in {@code --services}, e.g. {@code sqs}. */
    String id();

    /** Model file stems under {@code /aws-models} this module implements, e.g. {@code sqs-2012-11-05}. */
    List<String> modelFiles();

    /**
     * Creates the provider of one of this module's models: an object whose public
     * {@code (RequestContext, XxxRequest)} methods implement operations.
     */
    Object provider(String modelFile, ServiceEnvironment environment);

    /** The class of {@link #provider}'s result, so coverage can be computed without starting the service. */
    Class<?> providerType(String modelFile);

    /**
     * An internal API this module offers other services (e.g. SQS's {@link QueueDelivery}), backed by
     * the running provider; empty when the module offers no such type.
     */
    default java.util.Optional<Object> export(Class<?> type, Object provider) {
        return java.util.Optional.empty();
    }

    /**
     * Haneul's own HTTP routes this module serves beside the AWS API, keyed like
     * {@code "GET /_haneul/sns/outbox"} (a key also matches paths below it), e.g. inspection
     * endpoints and URLs handed to clients (SNS's certificate, SES's tracking links). The handler
     * gets the running provider and the call; in strict mode it is reached only as its
     * {@link InternalRoute#access()} allows, and must show only the accounts the call's viewer sees.
     */
    default java.util.Map<String, InternalRoute> internalRoutes() {
        return java.util.Map.of();
    }

    /**
     * Traffic this module answers that is not an AWS API call (website and invoke hosts, function
     * URLs, WebSockets), asked by the router before any API is resolved. A plane's
     * {@link io.haneul.core.dataplane.DataPlaneCall#provider()} is the provider of the module's first model.
     */
    default java.util.List<io.haneul.core.dataplane.DataPlane> dataPlanes() {
        return java.util.List.of();
    }

    /**
     * Operations of a model that this module answers through one of its {@link #dataPlanes()} rather than
     * through a provider (e.g. a search domain's document and search endpoints, reached on the domain's own
     * endpoint), keyed by model id, so that coverage counts them. Only operations the plane really serves,
     * each with its tests, belong here.
     */
    default java.util.Map<String, java.util.Set<String>> dataPlaneOperations() {
        return java.util.Map.of();
    }

    /**
     * How this module's APIs are addressed beyond the generic rules, keyed by model id (e.g. {@code s3}):
     * extra hosts, requests claimed when nothing else placed them, rewrites, streamed bodies, unsigned links.
     */
    default java.util.Map<String, io.haneul.core.dataplane.ApiAddressing> apiAddressing() {
        return java.util.Map.of();
    }

    /**
     * Releases what the module holds for several of its providers at once (a plane shared by two models,
     * its timers and store subscriptions); runs once when the server stops, after the providers that are
     * {@link AutoCloseable} were closed. Nothing by default.
     */
    default void close() {
    }

    /**
     * Runs once when the node starts (after its store answers), before any eager provider: a module
     * checks here that this node's configuration agrees with what the nodes sharing its store
     * recorded, and throws (with a message for the operator) to refuse the start. Nothing by default.
     */
    default void checkAtStart(ServiceEnvironment environment) {
    }

    /**
     * Counters the module adds to {@code /_haneul/metrics} (Prometheus metric name to value) while
     * its provider runs; empty by default.
     */
    default java.util.Map<String, Long> counters(Object provider) {
        return java.util.Map.of();
    }

    /**
     * How the answers of one of this module's models differ from the engine's common case (empty
     * lists and maps AWS writes nonetheless, the query error body's {@code <Detail/>}), keyed by
     * model id; {@link io.haneul.core.engine.WireStyle#DEFAULT} unless recorded AWS answers show otherwise.
     */
    default io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT;
    }

    /**
     * True when the service must start with the server rather than on its first request, because it
     * listens on its own port (SES's SMTP server) or runs background work users expect at once.
     */
    default boolean startEagerly() {
        return false;
    }

    /**
     * Details this module adds to {@code /_haneul/health} while it runs, keyed at the top level
     * (e.g. {@code "smtp" -> {"port": 2525}}); empty by default.
     */
    default java.util.Map<String, Object> health(Object provider) {
        return java.util.Map.of();
    }

    /**
     * The largest request body one of this module's models takes, in bytes, as the real service's
     * limits make it (its largest message plus the protocol's worst-case encoding of it), keyed by
     * model id (e.g. {@code sqs}). The listener answers 413 in the service's error envelope beyond
     * it before reading the body, so that a flood of oversized calls costs no memory;
     * {@code --max-body-bytes} still caps every request. Unlimited (only the server's cap) by default;
     * not applied to bodies that stream ({@link io.haneul.core.dataplane.ApiAddressing#streamsBody}).
     */
    default long maxRequestBytes(String modelId) {
        return Long.MAX_VALUE;
    }

    /**
     * A handler of one internal route. In strict mode the server authenticates the caller before the
     * handler runs, as {@link #access()} asks, and hands it the accounts the caller may see in
     * {@link io.haneul.core.internal.InternalCall#viewer()}; a handler shows and changes only those.
     */
    @FunctionalInterface
    interface InternalRoute {
        io.haneul.core.wire.WireResponse handle(Object provider, io.haneul.core.internal.InternalCall call);

        /** Who may call the route in strict mode; by default any signed caller, scoped to its account. */
        default io.haneul.core.internal.RouteAccess access() {
            return io.haneul.core.internal.RouteAccess.SIGNED;
        }

        /** A route anyone may call unsigned (links handed out to people without keys). */
        static InternalRoute open(InternalRoute route) {
            return withAccess(route, io.haneul.core.internal.RouteAccess.OPEN);
        }

        /** A route only admin keys may call in strict mode (server-wide actions). */
        static InternalRoute adminOnly(InternalRoute route) {
            return withAccess(route, io.haneul.core.internal.RouteAccess.ADMIN);
        }

        private static InternalRoute withAccess(InternalRoute route, io.haneul.core.internal.RouteAccess access) {
            return new InternalRoute() {
                @Override
                public io.haneul.core.wire.WireResponse handle(Object provider, io.haneul.core.internal.InternalCall call) {
                    return route.handle(provider, call);
                }

                @Override
                public io.haneul.core.internal.RouteAccess access() {
                    return access;
                }
            };
        }
    }
}
