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
 * {@code GET /_haneul/lambda/code/<sha256 hex>?expires=..&signature=..} downloads a deployment
 * package: open to anyone holding a link {@link CodeLinks} signed (GetFunction's {@code Code.Location}),
 * as AWS's presigned S3 URLs are; a wrong, altered or expired link is answered 403.
 */
final class LambdaRoutes {

    static final String LOGS = "/_haneul/lambda/logs/";
    private static final long MAX_BYTES = 1_048_576;

    private LambdaRoutes() {
    }

    static Map<String, ServiceModule.InternalRoute> routes() {
        return Map.of("GET /_haneul/lambda/logs", (provider, call) -> logs((LambdaProvider) provider, call),
                "GET /_haneul/lambda/code", ServiceModule.InternalRoute.open((provider, call) -> code((LambdaProvider) provider, call)));
    }

    private static WireResponse code(LambdaProvider provider, InternalCall call) {
        String path = call.request().rawPath();
        String hex = path.length() > CodeLinks.PREFIX.length() ? path.substring(CodeLinks.PREFIX.length()) : "";
        Map<String, java.util.List<String>> query = call.request().queryParameters();
        java.util.Optional<java.nio.file.Path> zip = provider.codeLinks().resolve(hex, first(query, "expires"), first(query, "signature"));
        if (zip.isEmpty()) {
            return WireResponse.of(403, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                    + "<Message>Request has expired or the signature does not match</Message></Error>").getBytes(StandardCharsets.UTF_8));
        }
        try {
            long size = java.nio.file.Files.size(zip.get());
            io.haneul.core.wire.Headers headers = new io.haneul.core.wire.Headers();
            headers.set("Content-Type", "application/zip");
            return new WireResponse(200, headers, null, new WireResponse.Streamed(java.nio.file.Files.newInputStream(zip.get()), size));
        } catch (java.io.IOException e) {
            return WireResponse.of(404, "application/json", "{\"error\":\"package not found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String first(Map<String, java.util.List<String>> query, String name) {
        java.util.List<String> values = query.get(name);
        return values == null || values.size() != 1 ? null : values.getFirst();
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
