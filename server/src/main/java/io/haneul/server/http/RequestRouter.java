package io.haneul.server.http;

import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.dataplane.WebSocketUpgrade;
import io.haneul.core.engine.BodyBudget;
import io.haneul.core.engine.ProtocolEngine;
import io.haneul.core.engine.RequestBody;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.error.CommonErrors;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.routing.ServiceResolver;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.server.auth.Authenticator;
import io.haneul.server.internal.InternalEndpoints;
import io.haneul.server.services.ServiceRegistry;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The request flow after the listener, in one generic pass over what the modules declare:
 * internal endpoints, then data planes by host and by path ({@link DataPlaneTable}), then AWS API
 * resolution ({@link ServiceResolver}), the module's addressing of its API (rewrites, unsigned
 * links), authentication, and the protocol engine. Knows no HTTP server types and names no service.
 */
public final class RequestRouter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestRouter.class);

    private static final ApiAddressing PLAIN = new ApiAddressing() {
    };

    private final InternalEndpoints internal;
    private final DataPlaneTable planes;
    private final Map<String, ApiAddressing> addressing;
    private final io.haneul.core.engine.RequestObserver observer;
    private final ServiceResolver resolver;
    private final ServiceRegistry registry;
    private final Authenticator authenticator;
    private final ProtocolEngine engine;
    private final Clock clock;
    private final BodyBudget budget;
    private final BodyAdmission admission;

    /**
     * @param observer told of every request a data plane answers (the engine tells of API calls)
     * @param budget   the server's budget of buffered bodies, which a streamed body an operation
     *                 buffers (S3's XML documents) is reserved in too
     */
    public RequestRouter(InternalEndpoints internal, ServiceResolver resolver, ServiceRegistry registry,
                         Authenticator authenticator, ProtocolEngine engine, Clock clock,
                         io.haneul.core.engine.RequestObserver observer, BodyBudget budget) {
        this.internal = internal;
        this.planes = new DataPlaneTable(registry.dataPlanes());
        this.addressing = registry.apiAddressing();
        this.observer = observer;
        this.resolver = resolver;
        this.registry = registry;
        this.authenticator = authenticator;
        this.engine = engine;
        this.clock = clock;
        this.budget = budget;
        this.admission = new BodyAdmission(resolver, registry, addressing, authenticator, this::unread);
    }

    /**
     * Answers one request. Never throws: a failure outside the protocol engine (resolution,
     * authentication, provider creation) is logged and answered as InternalFailure in an envelope,
     * rather than reaching the listener's error page with the exception's text.
     */
    public WireResponse route(WireRequest request, String scheme) {
        return route(request, scheme, null, 0);
    }

    /**
     * The data plane that takes a request (judged from its line and headers), looked up once and
     * handed to {@link #streamsBody(WireRequest, Placement)}, {@link #beforeBody} and
     * {@link #route(WireRequest, String, InputStream, long, Placement)} (each would otherwise run
     * the planes' {@code accepts} again).
     */
    public Placement place(WireRequest head) {
        return new Placement(planes.find(head));
    }

    /** Where {@link #place} put a request: a data plane, or none (internal endpoints and the AWS APIs). */
    public record Placement(ServiceRegistry.BoundPlane plane) {
    }

    /**
     * True when the request's body should reach its handler as a stream rather than be read into
     * memory first: a data plane that says so, or an API whose bodies stream (S3: objects of any
     * size). Decided from the request line and headers alone.
     *
     * @param placed what {@link #place} found for this head
     */
    public boolean streamsBody(WireRequest head, Placement placed) {
        if (internal.matches(head)) {
            return false;
        }
        ServiceRegistry.BoundPlane plane = placed.plane();
        if (plane != null) {
            return plane.plane().streamsBody(head);
        }
        if (isInternalPath(head) || head.header("X-Amz-Target") != null) {
            return false;
        }
        String contentType = head.header("Content-Type");
        if ("POST".equals(head.method()) && contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("application/x-amz-json"))) {
            return false; // query and JSON protocols' calls: never a streaming API (cheap test before resolving)
        }
        String id = resolver.resolve(head).serviceId();
        return id != null && registry.isServed(id) && addressingOf(id).streamsBody();
    }

    /**
     * A data plane's answer to a WebSocket upgrade request, or null when no plane takes the request
     * as a WebSocket (it is then answered as plain HTTP).
     */
    public PlaneUpgrade upgrade(WireRequest head, String scheme) {
        if (internal.matches(head)) {
            return null;
        }
        ServiceRegistry.BoundPlane plane = planes.find(head);
        if (plane == null) {
            return null;
        }
        DataPlaneCall call = planeCall(plane, head, null, 0, scheme, new java.util.ArrayList<>(0));
        try {
            WebSocketUpgrade upgrade = plane.plane().upgrade(call);
            return upgrade == null ? null : new PlaneUpgrade(upgrade, call.requestId());
        } catch (RuntimeException e) {
            LOG.error("request {}: data plane {}/{} failed on an upgrade", call.requestId(), plane.moduleId(), plane.plane().name(), e);
            return new PlaneUpgrade(WebSocketUpgrade.refuse(planeFailure()), call.requestId());
        }
    }

    /** A plane's decision on an upgrade, with the request id the listener logs it under. */
    public record PlaneUpgrade(WebSocketUpgrade upgrade, String requestId) {
    }

    /**
     * Answers one request whose body is streamed ({@link #streamsBody}).
     *
     * @param body        the body as it arrives, or null when it is in {@code request}
     * @param bufferLimit the most bytes buffered for an operation that parses its body
     */
    public WireResponse route(WireRequest request, String scheme, InputStream body, long bufferLimit) {
        return route(request, scheme, body, bufferLimit, null);
    }

    /**
     * As {@link #route(WireRequest, String, InputStream, long)}.
     *
     * @param placed what {@link #place} found for this request's head, or null to look it up
     */
    public WireResponse route(WireRequest request, String scheme, InputStream body, long bufferLimit, Placement placed) {
        try {
            return dispatch(request, scheme, body, bufferLimit, placed);
        } catch (RuntimeException e) {
            RequestContext ctx = context(null, io.haneul.core.engine.FastIds.uuid(), null, request, scheme);
            LOG.error("request {} failed before reaching a service", ctx.requestId(), e);
            return engine.errorResponse(null, fallbackProtocol(request), CommonErrors.internal(ctx.requestId()), ctx);
        }
    }

    private WireResponse dispatch(WireRequest request, String scheme, InputStream body, long bufferLimit, Placement placed) {
        if (isInternalPath(request)) {
            WireResponse answer = internal.handle(request);
            if (answer != null) {
                return answer;
            }
        }
        ServiceRegistry.BoundPlane plane = placed != null ? placed.plane() : planes.find(request);
        if (plane != null) {
            return servePlane(plane, request, body, bufferLimit, scheme);
        }
        ServiceResolver.Resolution where = resolver.resolve(request);
        String requestId = io.haneul.core.engine.FastIds.uuid();
        if (LOG.isDebugEnabled()) {
            // never the secret parts: signatures and tokens are masked by the redactor
            LOG.debug("request {}: {} {}{} service={} region={} authorization={}", requestId, request.method(), request.rawPath(),
                    request.rawQuery().isEmpty() ? "" : "?" + io.haneul.core.auth.SecretRedactor.query(request.rawQuery()),
                    where.serviceId(), where.region(), io.haneul.core.auth.SecretRedactor.authorization(request.header("Authorization")));
        }
        RequestContext anonymous = context(where.region(), requestId, null, request, scheme);
        if (where.serviceId() == null || registry.model(where.serviceId()).isEmpty()) {
            return unknownService(request, anonymous);
        }
        ServiceBinding service;
        try {
            service = registry.binding(where.serviceId());
        } catch (RuntimeException e) {
            // the provider could not start (its store unreachable): a retryable answer when known
            io.haneul.core.error.AwsErrorException known = e instanceof io.haneul.core.error.AwsErrorException aws ? aws
                    : engine.infrastructureError(e);
            if (known == null) {
                throw e;
            }
            String protocol = registry.model(where.serviceId()).map(ServiceModel::primaryProtocol).orElse(fallbackProtocol(request));
            return engine.errorResponse(null, looksLikeQuery(request) && protocol.equals("json") ? "query" : protocol, known, anonymous);
        }
        ServiceModel model = service.model();
        if (!registry.isServed(model.id()) && registry.moduleId(model.id()).isPresent()) {
            return engine.errorResponse(service, protocolOf(service, request), new AwsErrorException("ServiceDisabled",
                    "Service " + model.serviceId() + " is not enabled on this server (see --services)", 501), anonymous);
        }
        ApiAddressing addressed = addressingOf(model.id());
        long serviceLimit = registry.maxRequestBytes(model.id());
        if (body == null && request.body().length > serviceLimit) {
            // placed by its body (a form's Action and Version), so only now known to be over its service's limit
            return engine.errorResponse(service, protocolOf(service, request), CommonErrors.tooLarge(serviceLimit), anonymous);
        }
        if (body == null && addressed.streamsBody()) {
            // a body read whole (a form or JSON POST to S3) still reaches the service as its stream, and
            // may be buffered again by an operation that parses it (it was within the limit when read)
            byte[] buffered = request.body() == null ? new byte[0] : request.body();
            body = new java.io.ByteArrayInputStream(buffered);
            bufferLimit = Math.max(bufferLimit, buffered.length);
        }
        WireRequest canonical = addressed.canonical(request);
        Authenticator.Caller caller;
        RequestBody streamed;
        try {
            java.util.Optional<String> unsigned = addressed.unsignedCaller(canonical);
            caller = unsigned.isPresent() ? new Authenticator.Caller(unsigned.get(), null)
                    : authenticator.authenticate(request, addressed.signingNameOf(request, model.signingName()), body != null);
            streamed = body == null ? null : RequestBody.of(body, request.headers(), caller.identity(), bufferLimit, budget);
        } catch (AuthException e) {
            return engine.errorResponse(service, protocolOf(service, request), awsError(e), anonymous);
        } catch (AwsErrorException e) {
            return engine.errorResponse(service, protocolOf(service, request), e, anonymous);
        }
        RequestContext context = context(where.region(), requestId, caller, request, scheme, streamed);
        try {
            return engine.handle(service, canonical, context);
        } finally {
            if (streamed != null) {
                streamed.release(); // what the operation buffered of it is garbage now
            }
        }
    }

    private ApiAddressing addressingOf(String modelId) {
        return addressing.getOrDefault(modelId, PLAIN);
    }

    /** Hands a request to the data plane that took it; the plane decides who the caller is. */
    private WireResponse servePlane(ServiceRegistry.BoundPlane plane, WireRequest request, InputStream body, long bufferLimit,
                                    String scheme) {
        long start = System.nanoTime();
        java.util.List<RequestBody> buffered = new java.util.ArrayList<>(1);
        DataPlaneCall call = planeCall(plane, request, body, bufferLimit, scheme, buffered);
        WireResponse answer;
        try {
            answer = plane.plane().handle(call);
        } catch (RuntimeException e) {
            LOG.error("request {}: data plane {}/{} failed", call.requestId(), plane.moduleId(), plane.plane().name(), e);
            answer = planeFailure();
        } finally {
            buffered.forEach(RequestBody::release);
        }
        observer.observed(plane.moduleId(), plane.plane().name(), answer.status(), System.nanoTime() - start);
        return answer;
    }

    /** @param buffered where a body verification read into memory (within the budget) is kept, to be released once answered */
    private DataPlaneCall planeCall(ServiceRegistry.BoundPlane plane, WireRequest request, InputStream body, long bufferLimit,
                                    String scheme, java.util.List<RequestBody> buffered) {
        return new DataPlaneCall(request, body, io.haneul.core.engine.FastIds.uuid(), scheme, clock.instant(), plane.provider(),
                (signed, streamed, signingName) -> verify(signed, streamed, signingName, bufferLimit, buffered));
    }

    /**
     * Verifies a data plane's request as an API call's: a streamed body with a declared
     * {@code x-amz-content-sha256} is checked as it is read; one without is read first (within the
     * limit, else 413, and the body budget, else 503) so that its hash can be signed over.
     */
    private DataPlaneCall.Verified verify(WireRequest request, InputStream streamed, String signingName, long bufferLimit,
                                          java.util.List<RequestBody> buffered) throws AuthException {
        if (streamed == null) {
            return verified(authenticator.authenticate(request, signingName), null);
        }
        if (request.header("x-amz-content-sha256") != null) {
            Authenticator.Caller c = authenticator.authenticate(request, signingName, true);
            return verified(c, RequestBody.of(streamed, request.headers(), c.identity(), bufferLimit).stream());
        }
        byte[] whole;
        try {
            RequestBody unverified = RequestBody.of(streamed, request.headers(), null, bufferLimit, budget);
            buffered.add(unverified);
            whole = unverified.readAll();
        } catch (AwsErrorException e) {
            throw new AuthException(e.code(), e.getMessage(), e.status()); // 413 beyond the limit, 503 over the budget, as for API calls
        }
        WireRequest signed = new WireRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), whole,
                request.remoteAddress());
        return verified(authenticator.authenticate(signed, signingName), new java.io.ByteArrayInputStream(whole));
    }

    private static DataPlaneCall.Verified verified(Authenticator.Caller caller, InputStream body) {
        return new DataPlaneCall.Verified(new DataPlaneCall.Caller(caller.accountId(), caller.accessKeyId()), body);
    }

    static boolean isInternalPath(WireRequest request) {
        return request.rawPath().startsWith("/_haneul/") || request.rawPath().startsWith("/_aws/");
    }

    /** What a data plane that failed unexpectedly answers: no stack trace, no internals. */
    private static WireResponse planeFailure() {
        return WireResponse.of(500, "application/json", "{\"message\":\"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What to do with a request whose body the listener would read into memory, decided from its
     * request line and headers ({@link BodyAdmission}).
     *
     * @param declared    the Content-Length (0 for a request that has no body), or -1 when unknown
     * @param serverLimit {@code --max-body-bytes}
     * @param placed      what {@link #place} found for this head
     */
    public BodyAdmission.Admission beforeBody(WireRequest head, String scheme, long declared, long serverLimit, Placement placed) {
        return admission.decide(head, scheme, declared, serverLimit, placed.plane() != null);
    }

    static AwsErrorException awsError(AuthException e) {
        return new AwsErrorException(e.code(), e.getMessage(), e.status(), true, Map.copyOf(e.details()));
    }

    /** 413 in the envelope of the service the request is for (as far as its head tells), {@code limit} named. */
    public WireResponse tooLarge(WireRequest request, long limit, String scheme) {
        return unread(request, CommonErrors.tooLarge(limit), scheme);
    }

    /**
     * 503 {@code ServiceUnavailable} in the envelope of the service the request is for: the server
     * holds as many request bodies in memory as its budget allows ({@code --max-buffered-bytes}), so
     * this one was not read; AWS's SDKs retry it with back-off.
     */
    public WireResponse busy(WireRequest request, String scheme) {
        return unread(request, CommonErrors.busy(), scheme);
    }

    /** 400 {@code RequestTimeout}: the body stopped arriving before it was complete. */
    public WireResponse requestTimeout(WireRequest request, String scheme) {
        return unread(request, CommonErrors.requestTimeout(), scheme);
    }

    /** An error answered to a request whose body was not (or not wholly) read, in its service's envelope as far as its head tells. */
    private WireResponse unread(WireRequest request, AwsErrorException error, String scheme) {
        if (!internal.matches(request) && planes.find(request) != null) {
            return WireResponse.of(error.status(), "application/json",
                    ("{\"message\":\"" + switch (error.status()) {
                        case 413 -> "Request Entity Too Large";
                        case 400 -> "Request Timeout";
                        default -> "Service Unavailable";
                    } + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }
        ServiceResolver.Resolution where = resolver.resolveBeforeBody(request);
        RequestContext ctx = context(where.region(), io.haneul.core.engine.FastIds.uuid(), null, request, scheme);
        if (where.serviceId() != null && registry.model(where.serviceId()).isPresent()) {
            ServiceBinding service = registry.binding(where.serviceId());
            return engine.errorResponse(service, protocolOf(service, request), error, ctx);
        }
        return engine.errorResponse(null, fallbackProtocol(request), error, ctx);
    }

    private static boolean looksLikeQuery(WireRequest request) {
        String ct = request.header("Content-Type");
        return request.header("X-Amz-Target") == null && ct != null && ct.startsWith("application/x-www-form-urlencoded");
    }

    /** The envelope for a request no service was found for: query XML for a form post, else JSON. */
    private static String fallbackProtocol(WireRequest request) {
        String ct = request.header("Content-Type");
        return request.header("X-Amz-Target") == null && ct != null && ct.startsWith("application/x-www-form-urlencoded")
                ? "query" : "json";
    }

    private String protocolOf(ServiceBinding service, WireRequest request) {
        return engine.codecFor(service, request).name();
    }

    private WireResponse unknownService(WireRequest request, RequestContext ctx) {
        return engine.errorResponse(null, fallbackProtocol(request), new AwsErrorException("UnrecognizedClientException",
                "Haneul could not tell which AWS service this request is for (" + request.method() + " "
                        + new String(request.rawPath().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                        + "): sign it with SigV4 or send X-Amz-Target", 400), ctx);
    }

    private RequestContext context(String region, String requestId, Authenticator.Caller caller, WireRequest request,
                                   String scheme) {
        return context(region, requestId, caller, request, scheme, null);
    }

    private RequestContext context(String region, String requestId, Authenticator.Caller caller, WireRequest request,
                                   String scheme, RequestBody body) {
        String host = request.header("Host");
        return new RequestContext(caller == null ? "000000000000" : caller.accountId(), region, requestId,
                caller == null ? null : caller.accessKeyId(), host == null ? "localhost" : host, scheme, clock.instant(), body,
                request.remoteAddress());
    }
}
