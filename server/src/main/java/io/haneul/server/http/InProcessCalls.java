package io.haneul.server.http;

import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.engine.ProtocolEngine;
import io.haneul.core.engine.RequestBody;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.routing.ServiceResolver;
import io.haneul.core.spi.AwsApiCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.server.services.ServiceRegistry;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@link AwsApiCall}: a service's request to another service's API, answered in-process. The
 * service is resolved as a request signed for {@code call.service()} in {@code call.region()} would
 * be (the resolver sees a credential scope, nothing is verified), then the request goes through the
 * service's addressing and the protocol engine exactly like a client's, acting as the call's
 * account. Names no service.
 */
public final class InProcessCalls implements AwsApiCall {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final ServiceResolver resolver;
    private final ServiceRegistry registry;
    private final ProtocolEngine engine;
    private final Map<String, ApiAddressing> addressing;
    private final Clock clock;

    public InProcessCalls(ServiceResolver resolver, ServiceRegistry registry, ProtocolEngine engine, Clock clock) {
        this.resolver = resolver;
        this.registry = registry;
        this.engine = engine;
        this.addressing = registry.apiAddressing();
        this.clock = clock;
    }

    @Override
    public WireResponse call(Call call) {
        WireRequest request = call.request();
        Headers scoped = copy(request.headers());
        scoped.set("Authorization", "AWS4-HMAC-SHA256 Credential=INPROCESS/" + DAY.format(clock.instant()) + "/" + call.region() + "/"
                + call.service() + "/aws4_request, SignedHeaders=host, Signature=0");
        ServiceResolver.Resolution where = resolver.resolve(new WireRequest(request.method(), request.rawPath(), request.rawQuery(),
                scoped, request.body(), request.remoteAddress()));
        String requestId = io.haneul.core.engine.FastIds.uuid();
        String host = request.header("Host") == null ? "localhost" : request.header("Host");
        RequestContext plain = new RequestContext(call.account(), call.region(), requestId, null, host, "http", clock.instant());
        if (where.serviceId() == null || registry.model(where.serviceId()).isEmpty() || !registry.isServed(where.serviceId())) {
            return engine.errorResponse(null, "json", new AwsErrorException("UnknownService",
                    "Service " + call.service() + " is not served by this server", 400), plain);
        }
        ServiceBinding service = registry.binding(where.serviceId());
        ApiAddressing addressed = addressing.getOrDefault(where.serviceId(), new ApiAddressing() {
        });
        WireRequest canonical = addressed.canonical(request);
        RequestBody streamed = addressed.streamsBody()
                ? RequestBody.of(new java.io.ByteArrayInputStream(request.body()), request.headers(), null, request.body().length)
                : null;
        RequestContext context = new RequestContext(call.account(), call.region(), requestId, null, host, "http", clock.instant(),
                streamed, null);
        try {
            return engine.handle(service, canonical, context);
        } finally {
            if (streamed != null) {
                streamed.release();
            }
        }
    }

    private static Headers copy(Headers headers) {
        Headers out = new Headers();
        headers.forEach(out::add);
        return out;
    }
}
