package io.haneul.apigateway.invoke;

import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import io.haneul.apigateway.v2.invoke.HttpApiPlane;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployed REST API's invoke URLs, in three forms: by host, {@code {apiId}.execute-api.localhost[:port]/{stage}/{path}}
 * (also under {@code .localstack.cloud} and AWS's own region hosts), and, for clients whose resolver
 * cannot look up {@code *.localhost}, by path on Haneul's host: {@code /_aws/execute-api/{apiId}/{stage}/{path}}
 * and LocalStack's older {@code /restapis/{apiId}/{stage}/_user_request_/{path}} (which shares its
 * prefix with the control plane, so only paths with {@code _user_request_} are taken).
 */
public final class InvokePlane implements DataPlane {

    private static final Pattern HOST = Pattern.compile("([a-z0-9]{10})\\.execute-api\\..+");
    private static final Pattern BY_HOST = Pattern.compile("/([^/]+)(/.*)?");
    private static final Pattern AWS_PATH = Pattern.compile("/_aws/execute-api/([^/]+)/([^/]+)(/.*)?");
    private static final Pattern USER_REQUEST = Pattern.compile("/restapis/([^/]+)/([^/]+)/_user_request_(/.*)?");

    /** HTTP APIs (v2) share the invoke URLs; an id of theirs is served by their plane, once the provider made it. */
    private final Supplier<HttpApiPlane> httpApis;

    public InvokePlane(Supplier<HttpApiPlane> httpApis) {
        this.httpApis = httpApis;
    }

    @Override
    public String name() {
        return "execute-api";
    }

    @Override
    public List<HostPattern> hosts() {
        return List.of(HostPattern.of("*.execute-api.*"));
    }

    @Override
    public List<String> pathPrefixes() {
        return List.of("/_aws/execute-api/", "/restapis/");
    }

    /** By host unless the call is an {@code @connections} management call; by path only in the two path forms. */
    @Override
    public boolean accepts(WireRequest head) {
        if (HOST.matcher(head.hostName()).matches()) {
            return !head.rawPath().contains("/@connections");
        }
        return AWS_PATH.matcher(head.rawPath()).matches() || USER_REQUEST.matcher(head.rawPath()).matches();
    }

    @Override
    public WireResponse handle(DataPlaneCall call) {
        if (!(call.provider() instanceof InvokeHost host)) {
            return InvokeResponses.message(503, null, "Service Unavailable", null);
        }
        WireRequest r = call.request();
        Matcher byHost = HOST.matcher(r.hostName());
        if (byHost.matches()) {
            Matcher m = BY_HOST.matcher(r.rawPath());
            if (!m.matches()) {
                return host.invokeEndpoint().missingToken(call);
            }
            HttpApiPlane v2 = httpApis.get();
            if (v2 != null && v2.owns(byHost.group(1))) {
                return v2.handle(call, byHost.group(1), r.rawPath());
            }
            return host.invokeEndpoint().handle(call, byHost.group(1), m.group(1), m.group(2));
        }
        Matcher m = AWS_PATH.matcher(r.rawPath());
        if (!m.matches()) {
            m = USER_REQUEST.matcher(r.rawPath());
        }
        if (!m.matches()) {
            return host.invokeEndpoint().missingToken(call);
        }
        HttpApiPlane v2 = httpApis.get();
        if (v2 != null && v2.owns(m.group(1))) {
            return v2.handle(call, m.group(1), "/" + m.group(2) + (m.group(3) == null ? "" : m.group(3)));
        }
        return host.invokeEndpoint().handle(call, m.group(1), m.group(2), m.group(3));
    }
}
