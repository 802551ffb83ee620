package io.haneul.s3;

import io.haneul.core.auth.AccessKeys;
import io.haneul.core.dataplane.ApiAddressing;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.wire.WireRequest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How S3's API is reached beyond the generic rules: virtual-hosted buckets
 * ({@code <bucket>.s3.localhost}, {@code <bucket>.s3.<region>.amazonaws.com},
 * {@code <bucket>.s3-<region>.amazonaws.com}, {@code <bucket>.localhost}), rewritten to the path
 * style the engine routes by; unsigned requests from curl, browsers and anonymous SDK clients on
 * Haneul's own host; bodies streamed whatever their size; and browser-form uploads, which carry
 * their signature in the form rather than the headers.
 */
final class S3Addressing implements ApiAddressing {

    private static final String EXPRESS = "s3express";
    private static final List<HostPattern> HOSTS = List.of(HostPattern.of("*.s3.*"), HostPattern.of("*.s3-*"),
            HostPattern.of("*.localhost"));

    @Override
    public List<HostPattern> hosts() {
        return HOSTS;
    }

    /**
     * True for a request no other rule placed that S3 clients send unsigned (curl, browsers, anonymous
     * SDK clients): no X-Amz-Target, no SigV4 signature, not a POST of a form, JSON or CBOR body (the
     * shape of the query and JSON protocols' calls). Other methods with those content types are S3
     * uploads: {@code curl -X PUT --data-binary @file} sends a form content type, a JSON file a JSON one.
     */
    @Override
    public boolean claimsUnplaced(WireRequest request) {
        String auth = request.header("Authorization");
        String ct = request.header("Content-Type");
        String query = request.rawQuery();
        return (auth == null || auth.startsWith("AWS ")) && request.header("X-Amz-Target") == null
                && !query.contains("X-Amz-Credential=") && !query.contains("Action=")
                && !request.rawPath().startsWith("/service/")
                && !request.rawPath().startsWith("/_aws/") // no bucket name starts with '_': Haneul's path forms of other APIs
                && (ct == null || !"POST".equals(request.method()) || !(ct.startsWith("application/x-www-form-urlencoded")
                || ct.startsWith("application/x-amz-json") || ct.startsWith("application/json") || ct.startsWith("application/cbor")));
    }

    /** S3 Express One Zone: the SDKs sign directory-bucket calls (and ListDirectoryBuckets) as {@code s3express}. */
    @Override
    public List<String> signingNames() {
        return List.of(EXPRESS);
    }

    /**
     * A virtual-hosted-style request as the path-style request S3's operations are routed by
     * ({@code /bucket/key}); {@code GET /} signed for S3 Express as ListDirectoryBuckets, which is
     * ListBuckets' very request sent to the S3 Express control endpoint (Smithy's model names it
     * {@code GET /?x-id=ListDirectoryBuckets}, which the router reads).
     */
    @Override
    public WireRequest canonical(WireRequest request) {
        String bucket = virtualHostBucket(request.hostName());
        if (bucket == null) {
            boolean listsDirectoryBuckets = "GET".equals(request.method()) && "/".equals(request.rawPath())
                    && !request.queryParameters().containsKey("x-id") && EXPRESS.equals(signingNameOf(request, "s3"));
            if (!listsDirectoryBuckets) {
                return request;
            }
            String query = request.rawQuery().isEmpty() ? "x-id=ListDirectoryBuckets" : request.rawQuery() + "&x-id=ListDirectoryBuckets";
            return new WireRequest(request.method(), request.rawPath(), query, request.headers(), request.body(), request.remoteAddress());
        }
        String path = "/".equals(request.rawPath()) ? "/" + bucket : "/" + bucket + request.rawPath();
        return new WireRequest(request.method(), path, request.rawQuery(), request.headers(), request.body(),
                request.remoteAddress());
    }

    @Override
    public boolean streamsBody() {
        return true;
    }

    /**
     * A browser-form upload (POST of multipart/form-data to a bucket, nothing else in the target, no
     * signature in headers or query) is let through unsigned: its signature is a form field over the
     * policy, verified by {@link BrowserUploads} once the body is read. Nothing else is.
     */
    @Override
    public Optional<String> unsignedCaller(WireRequest canonical) {
        boolean form = canonical.header("Authorization") == null && !canonical.rawQuery().contains("X-Amz-Credential")
                && BrowserUploads.matches(canonical);
        return form ? Optional.of(AccessKeys.DEFAULT_ACCOUNT_ID) : Optional.empty();
    }

    /**
     * The bucket a virtual-hosted-style request names in its Host, or null for path style
     * ({@code localhost}, {@code s3.localhost}, an IP address).
     */
    static String virtualHostBucket(String hostName) {
        String host = hostName.toLowerCase(Locale.ROOT);
        int s3 = host.indexOf(".s3.");
        if (s3 < 0) {
            s3 = host.indexOf(".s3-");
        }
        if (s3 > 0) {
            return host.substring(0, s3);
        }
        if (host.endsWith(".localhost")) {
            String rest = host.substring(0, host.length() - ".localhost".length());
            if (!rest.isEmpty() && !rest.equals("s3") && !rest.startsWith("s3.") && !rest.endsWith(".s3")) {
                return rest;
            }
        }
        return null;
    }
}
