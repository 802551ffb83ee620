package io.haneul.server.http;

import io.haneul.core.auth.AuthException;
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
 * The request flow after the listener: internal endpoints, then service resolution,
 * authentication, and the protocol engine. Knows no HTTP server types.
 */
public final class RequestRouter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RequestRouter.class);

    /** Services whose request bodies stream to the provider instead of being buffered. */
    private static final java.util.Set<String> STREAMING_SERVICES = java.util.Set.of("s3");

    private final InternalEndpoints internal;
    private final ServiceResolver resolver;
    private final ServiceRegistry registry;
    private final Authenticator authenticator;
    private final ProtocolEngine engine;
    private final Clock clock;

    public RequestRouter(InternalEndpoints internal, ServiceResolver resolver, ServiceRegistry registry,
                         Authenticator authenticator, ProtocolEngine engine, Clock clock) {
        this.internal = internal;
        this.resolver = resolver;
        this.registry = registry;
        this.authenticator = authenticator;
        this.engine = engine;
        this.clock = clock;
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
     * True when the request's body should reach its service as a stream rather than be read into
     * memory first (S3: objects of any size). Decided from the request line and headers alone.
     */
    public boolean streamsBody(WireRequest head) {
        if (head.rawPath().startsWith("/_haneul/") || head.rawPath().startsWith("/_aws/") || head.header("X-Amz-Target") != null) {
            return false;
        }
        String contentType = head.header("Content-Type");
        if ("POST".equals(head.method()) && contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("application/x-amz-json"))) {
            return false; // query and JSON protocols' calls: never a streaming service (cheap test before resolving)
        }
        String id = resolver.resolve(head).serviceId();
        return id != null && STREAMING_SERVICES.contains(id) && registry.isServed(id);
    }

    /**
     * Answers one request whose body is streamed ({@link #streamsBody}).
     *
     * @param body        the body as it arrives, or null when it is in {@code request}
     * @param bufferLimit the most bytes buffered for an operation that parses its body
     */
    public WireResponse route(WireRequest request, String scheme, InputStream body, long bufferLimit) {
        try {
            return dispatch(request, scheme, body, bufferLimit);
        } catch (RuntimeException e) {
            RequestContext ctx = context(null, io.haneul.core.engine.FastIds.uuid(), null, request, scheme);
            LOG.error("request {} failed before reaching a service", ctx.requestId(), e);
            return engine.errorResponse(null, fallbackProtocol(request), CommonErrors.internal(ctx.requestId()), ctx);
        }
    }

    private WireResponse dispatch(WireRequest request, String scheme, InputStream body, long bufferLimit) {
        if (request.rawPath().startsWith("/_haneul/") || request.rawPath().startsWith("/_aws/")) {
            WireResponse answer = internal.handle(request);
            if (answer != null) {
                return answer;
            }
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
        ServiceBinding service = registry.binding(where.serviceId());
        ServiceModel model = service.model();
        if (!registry.isServed(model.id()) && registry.moduleId(model.id()).isPresent()) {
            return engine.errorResponse(service, protocolOf(service, request), new AwsErrorException("ServiceDisabled",
                    "Service " + model.serviceId() + " is not enabled on this server (see --services)", 501), anonymous);
        }
        if (body == null && STREAMING_SERVICES.contains(model.id())) {
            // a body read whole (a form or JSON POST to S3) still reaches the service as its stream, and
            // may be buffered again by an operation that parses it (it was within the limit when read)
            byte[] buffered = request.body() == null ? new byte[0] : request.body();
            body = new java.io.ByteArrayInputStream(buffered);
            bufferLimit = Math.max(bufferLimit, buffered.length);
        }
        Authenticator.Caller caller;
        RequestBody streamed;
        try {
            java.util.Optional<String> linkOwner = io.haneul.server.auth.UnsignedLinks.ownerOf(model.id(), request);
            caller = linkOwner.isPresent() ? new Authenticator.Caller(linkOwner.get(), null)
                    : io.haneul.server.auth.UnsignedLinks.isBrowserForm(model.id(), "s3".equals(model.id()) ? s3PathStyle(request) : request)
                    || io.haneul.server.auth.UnsignedLinks.isWebsite(model.id(), request)
                    ? new Authenticator.Caller(io.haneul.core.auth.AccessKeys.DEFAULT_ACCOUNT_ID, null)
                    : authenticator.authenticate(request, model.signingName(), body != null);
            streamed = body == null ? null : RequestBody.of(body, request.headers(), caller.identity(), bufferLimit);
        } catch (AuthException e) {
            return engine.errorResponse(service, protocolOf(service, request),
                    new AwsErrorException(e.code(), e.getMessage(), e.status(), true, Map.copyOf(e.details())), anonymous);
        } catch (AwsErrorException e) {
            return engine.errorResponse(service, protocolOf(service, request), e, anonymous);
        }
        RequestContext context = context(where.region(), requestId, caller, request, scheme, streamed);
        if ("s3".equals(model.id())) {
            request = s3PathStyle(request);
        }
        return engine.handle(service, request, context);
    }

    /**
     * A virtual-hosted-style S3 request ({@code <bucket>.s3.localhost/key}) as the path-style request
     * the engine's router matches ({@code /bucket/key}); after authentication, which signs the path as sent.
     */
    private static WireRequest s3PathStyle(WireRequest request) {
        String bucket = ServiceResolver.s3VirtualHostBucket(request.hostName());
        if (bucket == null) {
            return request;
        }
        String path = "/".equals(request.rawPath()) ? "/" + bucket : "/" + bucket + request.rawPath();
        return new WireRequest(request.method(), path, request.rawQuery(), request.headers(), request.body());
    }

    public WireResponse tooLarge(WireRequest request, long limit, String scheme) {
        ServiceResolver.Resolution where = resolver.resolve(request);
        RequestContext ctx = context(where.region(), io.haneul.core.engine.FastIds.uuid(), null, request, scheme);
        if (where.serviceId() != null && registry.model(where.serviceId()).isPresent()) {
            ServiceBinding service = registry.binding(where.serviceId());
            return engine.errorResponse(service, protocolOf(service, request), CommonErrors.tooLarge(limit), ctx);
        }
        return engine.errorResponse(null, fallbackProtocol(request), CommonErrors.tooLarge(limit), ctx);
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
                caller == null ? null : caller.accessKeyId(), host == null ? "localhost" : host, scheme, clock.instant(), body);
    }
}
