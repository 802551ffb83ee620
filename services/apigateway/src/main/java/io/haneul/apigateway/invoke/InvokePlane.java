package io.haneul.apigateway.invoke;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import io.haneul.apigateway.v2.invoke.HttpApiPlane;
import io.haneul.apigateway.v2.ws.WebSocketApiPlane;
import io.haneul.core.dataplane.WebSocketUpgrade;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A deployed REST API's invoke URLs, in three forms: by host, {@code {apiId}.execute-api.localhost[:port]/{stage}/{path}}
 * (also under {@code .localstack.cloud} and AWS's own region hosts), and, for clients whose resolver
 * cannot look up {@code *.localhost}, by path on Haneul's host: {@code /_aws/execute-api/{apiId}/{stage}/{path}}
 * and LocalStack's older {@code /restapis/{apiId}/{stage}/_user_request_/{path}} (which shares its
 * prefix with the control plane, so only paths with {@code _user_request_} are taken). A custom domain
 * name's host is taken too, routed by its base path mappings (a v2 domain name by its API mappings, in
 * {@link HttpApiPlane}).
 */
public final class InvokePlane implements DataPlane {

    /** Hosts that are custom domain names (any other dotted host is left to the next rule). */
    private final Predicate<String> customDomains;

    /** Paths API Gateway keeps for its health checks on invoke hosts. */
    private static final Set<String> RESERVED = Set.of("/ping", "/sping");

    /** HTTP APIs (v2) share the invoke URLs; an id of theirs is served by their plane, once the provider made it. */
    private final Supplier<HttpApiPlane> httpApis;
    /** WebSocket APIs (v2) share them too: their handshakes, and 426 for plain requests. */
    private final Supplier<WebSocketApiPlane> webSockets;

    /**
     * @param customDomains whether a host (lower case, no port) is a custom domain name with this API Gateway
     * @param httpApis      the HTTP APIs' plane, once made
     */
    public InvokePlane(Predicate<String> customDomains, Supplier<HttpApiPlane> httpApis, Supplier<WebSocketApiPlane> webSockets) {
        this.customDomains = customDomains;
        this.httpApis = httpApis;
        this.webSockets = webSockets;
    }

    @Override
    public String name() {
        return "execute-api";
    }

    @Override
    public List<HostPattern> hosts() {
        return List.of(HostPattern.of("*.execute-api.*"), HostPattern.of("*.*"));
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/_aws/execute-api/", "/restapis/");
    }

    /** By host unless the call is an {@code @connections} management call; by path only in the two path forms. */
    @Override
    public boolean accepts(WireRequest head) {
        if (InvokeUrls.apiIdOfHost(head.hostName()) != null) {
            return !head.rawPath().contains("/@connections");
        }
        if (customDomains.test(head.hostName())) {
            return true;
        }
        return (InvokeUrls.awsPath(head.rawPath()) != null && !head.rawPath().contains("/@connections/"))
                || InvokeUrls.userRequestPath(head.rawPath()) != null;
    }

    /** A WebSocket API's handshake, by host or by the {@code /_aws/execute-api/} path; null (plain HTTP) for anything else. */
    @Override
    public WebSocketUpgrade upgrade(DataPlaneCall call) {
        call.provider(); // starts API Gateway, which makes the WebSocket plane
        WebSocketApiPlane ws = webSockets.get();
        if (ws == null) {
            return null;
        }
        WireRequest r = call.request();
        String hostApi = InvokeUrls.apiIdOfHost(r.hostName());
        if (hostApi != null) {
            return ws.owns(hostApi) ? ws.upgrade(call, hostApi, r.rawPath()) : null;
        }
        InvokeUrls.Target t = InvokeUrls.awsPath(r.rawPath());
        if (t != null && ws.owns(t.apiId())) {
            return ws.upgrade(call, t.apiId(), "/" + t.stage() + (t.rest() == null ? "" : t.rest()));
        }
        return null;
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        if (!(call.provider() instanceof InvokeHost host)) {
            return InvokeResponses.message(503, null, "Service Unavailable", null);
        }
        WireRequest r = call.request();
        String hostApi = InvokeUrls.apiIdOfHost(r.hostName());
        boolean custom = hostApi == null && customDomains.test(r.hostName());
        if ((hostApi != null || custom) && RESERVED.contains(r.rawPath())) {
            return InvokeResponses.healthy();
        }
        if (hostApi != null) {
            InvokeUrls.Target t = InvokeUrls.hostPath(r.rawPath());
            if (t == null) {
                return host.invokeEndpoint().missingToken(call);
            }
            HttpApiPlane v2 = httpApis.get();
            if (v2 != null && v2.owns(hostApi)) {
                return v2.handle(call, hostApi, r.rawPath());
            }
            WebSocketApiPlane ws = webSockets.get();
            if (ws != null && ws.owns(hostApi)) {
                return ws.plainRequest();
            }
            return host.invokeEndpoint().handle(call, hostApi, t.stage(), t.rest());
        }
        if (custom) {
            HttpApiPlane v2 = httpApis.get();
            if (v2 != null && v2.isDomain(r.hostName())) {
                return v2.handleDomain(call, r.hostName(), r.rawPath());
            }
            return host.domainRoute(r.hostName(), r.rawPath())
                    .map(t -> host.invokeEndpoint().handle(call, t.apiId(), t.stage(), t.path(), true))
                    .orElseGet(() -> host.invokeEndpoint().missingToken(call));
        }
        InvokeUrls.Target m = InvokeUrls.awsPath(r.rawPath());
        if (m == null) {
            m = InvokeUrls.userRequestPath(r.rawPath());
        }
        if (m == null) {
            return host.invokeEndpoint().missingToken(call);
        }
        HttpApiPlane v2 = httpApis.get();
        if (v2 != null && v2.owns(m.apiId())) {
            return v2.handle(call, m.apiId(), "/" + m.stage() + (m.rest() == null ? "" : m.rest()));
        }
        WebSocketApiPlane ws = webSockets.get();
        if (ws != null && ws.owns(m.apiId())) {
            return ws.plainRequest();
        }
        return host.invokeEndpoint().handle(call, m.apiId(), m.stage(), m.rest());
    }
}
