package io.haneul.apigateway.v2.ws;

import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.wire.WireRequest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code @connections} calls reach the management API: the SDK's client, given an endpoint
 * with the stage ({@code http://{apiId}.execute-api.localhost:4566/prod} or
 * {@code http://localhost:4566/_aws/execute-api/{apiId}/prod}), sends
 * {@code {endpoint path}/@connections/{id}}; the engine routes by the model's URI
 * {@code /@connections/{connectionId}}, so what comes before it is dropped (after the signature was
 * checked on the path as sent). Unsigned calls (curl, a function without an SDK) are claimed by
 * their invoke host or their path.
 */
public final class ManagementAddressing implements ApiAddressing {

    private static final Pattern CONNECTIONS = Pattern.compile("^(?:/_aws/execute-api/[^/]+)?/[^/]+(/@connections/[^/]+)$");

    /** Unsigned calls on an invoke host (the invoke plane leaves {@code @connections} paths to the engine). */
    @Override
    public java.util.List<io.haneul.core.routing.HostPattern> hosts() {
        return java.util.List.of(io.haneul.core.routing.HostPattern.of("*.execute-api.*"));
    }

    @Override
    public boolean claimsUnplaced(WireRequest request) {
        return CONNECTIONS.matcher(request.rawPath()).matches();
    }

    @Override
    public WireRequest canonical(WireRequest request) {
        Matcher m = CONNECTIONS.matcher(request.rawPath());
        if (!m.matches()) {
            return request;
        }
        return new WireRequest(request.method(), m.group(1), request.rawQuery(), request.headers(), request.body(), request.remoteAddress());
    }
}
