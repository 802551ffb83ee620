package io.haneul.apigateway;

import io.haneul.apigateway.invoke.InvokeHost;
import io.haneul.core.internal.InternalCall;
import io.haneul.core.wire.WireResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_haneul/apigateway/logs/{apiId}/{stage}}: the stage's access log lines as plain text,
 * for the accounts the caller sees ({@code ?account=} narrows it; strict mode: the signer's account
 * unless an admin key), as Lambda's {@code /_haneul/lambda/logs/{function}}.
 */
final class AccessLogRoute {

    static final String PREFIX = "/_haneul/apigateway/logs/";

    private AccessLogRoute() {
    }

    /** @param httpApis HTTP APIs' plane, whose stages' lines follow the REST API's (an id names one or the other), or null */
    static WireResponse read(InvokeHost host, io.haneul.apigateway.v2.invoke.HttpApiPlane httpApis, InternalCall call) {
        String path = call.request().rawPath();
        String[] parts = path.length() > PREFIX.length() ? path.substring(PREFIX.length()).split("/") : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return WireResponse.of(400, "application/json",
                    "{\"error\":\"name a stage: /_haneul/apigateway/logs/<apiId>/<stage>\"}".getBytes(StandardCharsets.UTF_8));
        }
        String apiId = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        String stage = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        String text = host.invokeEndpoint().accessLogs().read(call.accountFilter(), apiId, stage)
                + (httpApis == null ? "" : httpApis.accessLogs().read(call.accountFilter(), apiId, stage));
        return WireResponse.of(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
