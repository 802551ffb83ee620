package io.haneul.apigateway.invoke;

import io.haneul.apigateway.domain.Ids;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;

import java.time.Instant;

/**
 * The headers API Gateway adds to a request before its integration sees it: {@code X-Forwarded-For}
 * (the client's address appended), {@code X-Forwarded-Port}, {@code X-Forwarded-Proto} and an
 * {@code X-Amzn-Trace-Id} (the caller's, else the one of this request). Frameworks behind proxy
 * integrations build their URLs from them.
 */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    static Headers of(WireRequest r, String scheme, String traceId) {
        Headers out = new Headers();
        r.headers().forEach(out::add);
        String ip = r.remoteAddress() == null ? "127.0.0.1" : r.remoteAddress();
        String before = out.first("X-Forwarded-For");
        out.set("X-Forwarded-For", before == null ? ip : before + ", " + ip);
        out.set("X-Forwarded-Port", port(r.header("Host"), scheme));
        out.set("X-Forwarded-Proto", scheme);
        if (!out.has("X-Amzn-Trace-Id") && traceId != null) {
            out.set("X-Amzn-Trace-Id", traceId);
        }
        return out;
    }

    /** X-Ray's form: {@code Root=1-<epoch seconds, 8 hex>-<24 hex>}. */
    static String traceId(Instant at, Ids ids) {
        String seconds = Long.toHexString(at.getEpochSecond());
        StringBuilder out = new StringBuilder(40).append("Root=1-");
        for (int i = seconds.length(); i < 8; i++) {
            out.append('0');
        }
        return out.append(seconds).append('-').append(ids.hex(24)).toString();
    }

    private static String port(String host, String scheme) {
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > 0 && colon > host.lastIndexOf(']')) {
                return host.substring(colon + 1);
            }
        }
        return "https".equals(scheme) ? "443" : "80";
    }
}
