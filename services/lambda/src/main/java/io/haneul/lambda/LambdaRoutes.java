package io.haneul.lambda;

import io.haneul.core.internal.InternalCall;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.wire.WireResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lambda's internal routes: {@code GET /_haneul/lambda/logs/<function>} answers the function's kept
 * log (START/END/REPORT and what it printed), as plain text, for the accounts the caller sees
 * ({@code ?account=} narrows it; strict mode: the signer's account unless an admin key).
 */
final class LambdaRoutes {

    static final String LOGS = "/_haneul/lambda/logs/";
    private static final long MAX_BYTES = 1_048_576;

    private LambdaRoutes() {
    }

    static Map<String, ServiceModule.InternalRoute> routes() {
        return Map.of("GET /_haneul/lambda/logs", (provider, call) -> logs((LambdaProvider) provider, call));
    }

    private static WireResponse logs(LambdaProvider provider, InternalCall call) {
        String path = call.request().rawPath();
        String function = path.length() > LOGS.length() ? URLDecoder.decode(path.substring(LOGS.length()), StandardCharsets.UTF_8) : "";
        if (function.isEmpty() || function.contains("/")) {
            return WireResponse.of(400, "application/json",
                    "{\"error\":\"name a function: /_haneul/lambda/logs/<function>\"}".getBytes(StandardCharsets.UTF_8));
        }
        String text = provider.logs().read(call.accountFilter(), function, MAX_BYTES);
        return WireResponse.of(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
