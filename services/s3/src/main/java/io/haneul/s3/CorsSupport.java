package io.haneul.s3;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.s3.domain.CorsRule;
import io.haneul.s3.domain.S3Error;
import io.haneul.s3.domain.S3Exception;
import io.haneul.s3.store.BucketRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What S3 does at the HTTP level around its operations: CORS preflight ({@code OPTIONS}) answered
 * from the bucket's CORS rules, CORS headers on answers to requests with an {@code Origin}, and the
 * expiry of presigned URLs (checked here too so that it holds in permissive mode).
 */
final class CorsSupport {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final BucketService buckets;

    CorsSupport(BucketService buckets) {
        this.buckets = buckets;
    }

    WireResponse before(RequestContext ctx, WireRequest request) {
        checkPresignedExpiry(ctx, request);
        if (!"OPTIONS".equals(request.method())) {
            return null;
        }
        String origin = request.header("Origin");
        String method = request.header("Access-Control-Request-Method");
        if (origin == null || method == null) {
            throw S3Exception.invalidRequest(origin == null ? "Insufficient information. Origin request header needed."
                    : "Invalid Access-Control-Request-Method: null");
        }
        String bucket = bucketOf(request);
        BucketRecord b = bucket == null ? null : buckets.find(bucket).orElse(null);
        if (b == null) {
            throw bucket == null ? refused(null, method, request) : S3Exception.noSuchBucket(bucket);
        }
        List<String> requested = requestedHeaders(request.header("Access-Control-Request-Headers"));
        List<CorsRule> rules = buckets.corsRules(b);
        if (rules.isEmpty()) {
            throw refused("CORSResponse: CORS is not enabled for this bucket.", method, request);
        }
        for (CorsRule rule : rules) {
            if (rule.allows(origin, method, requested)) {
                WireResponse ok = WireResponse.of(200, null, new byte[0]);
                Headers h = ok.headers();
                h.set("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
                h.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
                if (!requested.isEmpty()) {
                    h.set("Access-Control-Allow-Headers", String.join(", ", requested));
                }
                if (!rule.exposeHeaders().isEmpty()) {
                    h.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
                }
                if (rule.maxAgeSeconds() != null) {
                    h.set("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
                }
                if (!rule.anyOrigin()) {
                    h.set("Access-Control-Allow-Credentials", "true");
                }
                h.set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
                return ok;
            }
        }
        throw refused(null, method, request);
    }

    /** S3's refusal of a preflight: 403 AccessForbidden, naming the method asked for and the kind of resource. */
    private static S3Exception refused(String message, String method, WireRequest request) {
        String path = request.rawPath();
        boolean object = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
        return new S3Exception(S3Error.AccessForbidden, message, S3Exception.ordered("Method", method,
                "ResourceType", object ? "OBJECT" : "BUCKET"));
    }

    void after(WireRequest request, WireResponse response) {
        String origin = request.header("Origin");
        if (origin == null || "OPTIONS".equals(request.method())) {
            return;
        }
        String bucket = bucketOf(request);
        BucketRecord b = bucket == null ? null : buckets.find(bucket).orElse(null);
        if (b == null || b.cors() == null) {
            return;
        }
        for (CorsRule rule : buckets.corsRules(b)) {
            if (rule.allows(origin, request.method(), List.of())) {
                Headers h = response.headers();
                h.set("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
                h.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
                if (!rule.exposeHeaders().isEmpty()) {
                    h.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
                }
                if (rule.maxAgeSeconds() != null) {
                    h.set("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
                }
                if (!rule.anyOrigin()) {
                    h.set("Access-Control-Allow-Credentials", "true");
                }
                h.set("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
                return;
            }
        }
    }

    /** A presigned URL past its {@code X-Amz-Date + X-Amz-Expires} is refused, as S3 does. */
    private static void checkPresignedExpiry(RequestContext ctx, WireRequest request) {
        if (!request.rawQuery().contains("X-Amz-Expires=")) {
            return;
        }
        var query = request.queryParameters();
        List<String> date = query.get("X-Amz-Date");
        List<String> expires = query.get("X-Amz-Expires");
        if (date == null || expires == null) {
            return;
        }
        try {
            Instant signed = AMZ_DATE.parse(date.getFirst(), Instant::from);
            long seconds = Long.parseLong(expires.getFirst());
            Instant until = signed.plusSeconds(seconds);
            if (ctx.receivedAt().isAfter(until)) {
                throw new S3Exception(S3Error.AccessDenied, "Request has expired", S3Exception.ordered("X-Amz-Expires",
                        expires.getFirst(), "Expires", DateTimeFormatter.ISO_INSTANT.format(until), "ServerTime",
                        DateTimeFormatter.ISO_INSTANT.format(ctx.receivedAt())));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // malformed: strict mode's verifier answers it; permissive mode lets it through
        }
    }

    /** The bucket a path-style path names (virtual-hosted requests arrive rewritten to path style). */
    static String bucketOf(WireRequest request) {
        String path = request.rawPath();
        if (path.length() <= 1) {
            return null;
        }
        int slash = path.indexOf('/', 1);
        String segment = slash < 0 ? path.substring(1) : path.substring(1, slash);
        return segment.isEmpty() ? null : WireRequest.percentDecode(segment, false);
    }

    private static List<String> requestedHeaders(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            for (String h : header.split(",")) {
                if (!h.isBlank()) {
                    out.add(h.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
