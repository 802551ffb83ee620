package io.haneul.s3;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import io.haneul.s3.BucketConfigurations.Kind;
import io.haneul.s3.store.BucketRecord;
import io.haneul.s3.store.ObjectRecord;
import software.amazon.awssdk.services.s3.model.Condition;
import software.amazon.awssdk.services.s3.model.Redirect;
import software.amazon.awssdk.services.s3.model.RoutingRule;
import software.amazon.awssdk.services.s3.model.WebsiteConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The static-website endpoint of a bucket ({@code <bucket>.s3-website.localhost:4566},
 * {@code <bucket>.s3-website-<region>.localhost}, {@code <bucket>.s3-website.<region>.localhost}):
 * GET and HEAD serve objects by the bucket's website configuration, as S3's website endpoints do:
 * index documents for folders, the error document on 404, routing rules, redirect-all, per-object
 * redirects, and HTML error pages. Only what anonymous visitors may read is served, in every auth
 * mode, as on AWS ({@link WebsiteAccess}): anything else answers 403 AccessDenied, and a missing key
 * in a bucket visitors may not list answers 403 too. Reached through {@link WebsitePlane}.
 */
final class WebsiteEndpoint {

    private final BucketService buckets;
    private final BucketConfigurations configs;
    private final ObjectService objects;
    private final WebsiteAccess access;

    WebsiteEndpoint(BucketService buckets, BucketConfigurations configs, ObjectService objects, WebsiteAccess access) {
        this.buckets = buckets;
        this.configs = configs;
        this.objects = objects;
        this.access = access;
    }

    /**
     * Answers a website request.
     *
     * @param keyPath the raw path below the bucket ({@code /} for the root), still percent-encoded
     * @param base    what precedes {@code keyPath} in the URLs clients use: empty on a website host,
     *                {@code /_aws/s3-website/<bucket>} in the path form, so that redirects stay in it
     * @param scheme  how the visitor reached us ({@code aws:SecureTransport} in the bucket policy)
     */
    WireResponse handle(WireRequest request, String bucket, String keyPath, String base, String scheme) {
        BucketPolicies.Origin origin = new BucketPolicies.Origin(scheme, request.remoteAddress());
        boolean head = "HEAD".equals(request.method());
        if (!head && !"GET".equals(request.method())) {
            return page(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", null, head);
        }
        BucketRecord b = buckets.find(bucket).orElse(null);
        if (b == null) {
            return page(404, "NoSuchBucket", "The specified bucket does not exist", "BucketName: " + bucket, head);
        }
        WebsiteConfiguration site = configs.getStored(bucket, Kind.WEBSITE, WebsiteConfiguration.class).orElse(null);
        if (site == null) {
            return page(404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                    "BucketName: " + bucket, head);
        }
        String key = WireRequest.percentDecode(keyPath.startsWith("/") ? keyPath.substring(1) : keyPath, false);
        if (site.redirectAllRequestsTo() != null) {
            String protocol = site.redirectAllRequestsTo().protocolAsString() == null ? "http" : site.redirectAllRequestsTo().protocolAsString();
            return redirect(301, protocol + "://" + site.redirectAllRequestsTo().hostName() + "/" + key);
        }
        Optional<WireResponse> routed = route(site, key, null, request, base);
        if (routed.isPresent()) {
            return routed.get();
        }
        String suffix = site.indexDocument().suffix();
        String lookup = key.isEmpty() || key.endsWith("/") ? key + suffix : key;
        Optional<ObjectRecord> found = objects.currentVisible(b, lookup);
        if (found.isEmpty() && !key.isEmpty() && !key.endsWith("/")
                && objects.currentVisible(b, key + "/" + suffix).filter(index -> access.canRead(b, index, origin)).isPresent()) {
            return redirect(302, base + "/" + keyPath.replaceFirst("^/", "") + "/");
        }
        if (found.isPresent() && access.canRead(b, found.get(), origin)) {
            ObjectRecord o = found.get();
            String target = o.headers().get("x-amz-website-redirect-location");
            if (target != null) {
                return redirect(301, target);
            }
            return serve(b, o, 200, head);
        }
        boolean denied = found.isPresent() || !access.canList(b, origin);
        int status = denied ? 403 : 404;
        Optional<WireResponse> onError = route(site, key, status, request, base);
        if (onError.isPresent()) {
            return onError.get();
        }
        String code = denied ? "AccessDenied" : "NoSuchKey";
        String message = denied ? "Access Denied" : "The specified key does not exist.";
        String detail = denied ? null : "Key: " + lookup;
        Optional<ObjectRecord> error = site.errorDocument() == null ? Optional.empty()
                : objects.currentVisible(b, site.errorDocument().key());
        if (error.isEmpty()) {
            return page(status, code, message, detail, head);
        }
        if (access.canRead(b, error.get(), origin)) {
            return serve(b, error.get(), status, head);
        }
        return page(status, code, message, detail, head, "AccessDenied", "Access Denied");
    }

    /** The first routing rule whose condition holds (key prefix; error code when one is given). */
    private static Optional<WireResponse> route(WebsiteConfiguration site, String key, Integer errorCode, WireRequest request,
                                                String base) {
        if (!site.hasRoutingRules()) {
            return Optional.empty();
        }
        for (RoutingRule rule : site.routingRules()) {
            Condition c = rule.condition();
            String onCode = c == null ? null : c.httpErrorCodeReturnedEquals();
            boolean codeMatches = errorCode == null ? onCode == null : String.valueOf(errorCode).equals(onCode);
            boolean prefixMatches = c == null || c.keyPrefixEquals() == null || key.startsWith(c.keyPrefixEquals());
            if (codeMatches && prefixMatches) {
                Redirect r = rule.redirect();
                String newKey = r.replaceKeyWith() != null ? r.replaceKeyWith()
                        : r.replaceKeyPrefixWith() != null && c != null && c.keyPrefixEquals() != null
                        ? r.replaceKeyPrefixWith() + key.substring(c.keyPrefixEquals().length())
                        : r.replaceKeyPrefixWith() != null ? r.replaceKeyPrefixWith() + key : key;
                String host = r.hostName() != null ? r.hostName() : request.header("Host") + base;
                String protocol = r.protocolAsString() != null ? r.protocolAsString() : "http";
                int status = r.httpRedirectCode() == null ? 301 : Integer.parseInt(r.httpRedirectCode());
                return Optional.of(redirect(status, protocol + "://" + host + "/" + newKey));
            }
        }
        return Optional.empty();
    }

    private WireResponse serve(BucketRecord b, ObjectRecord o, int status, boolean head) {
        if (o.headers().containsKey(Encryption.CUSTOMER_KEY_MD5)) {
            return page(400, "InvalidRequest", "The object was stored using a form of Server Side Encryption. The correct parameters "
                    + "must be provided to retrieve the object.", "Key: " + o.key(), head);
        }
        if (!objects.readable(o)) {
            return page(403, "InvalidObjectState", "The operation is not valid for the object's storage class", "StorageClass: "
                    + o.storageClass(), head);
        }
        Headers h = new Headers();
        h.set("Content-Type", o.headers().getOrDefault("Content-Type", ObjectService.DEFAULT_CONTENT_TYPE));
        for (String name : new String[]{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"}) {
            if (o.headers().get(name) != null) {
                h.set(name, o.headers().get(name));
            }
        }
        h.set("ETag", o.etag());
        h.set("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.Instant.ofEpochMilli(o.lastModified()).atZone(java.time.ZoneOffset.UTC)));
        o.metadata().forEach((k, v) -> h.set("x-amz-meta-" + k, v));
        if (head) {
            h.set("Content-Length", String.valueOf(o.size()));
            return new WireResponse(status, h, new byte[0]);
        }
        return new WireResponse(status, h, null, new WireResponse.Streamed(objects.open(o), o.size()));
    }

    private static WireResponse redirect(int status, String location) {
        WireResponse r = WireResponse.of(status, null, new byte[0]);
        r.headers().set("Location", location);
        return r;
    }

    /** S3's HTML error page of a website endpoint. */
    private static WireResponse page(int status, String code, String message, String detail, boolean head) {
        return page(status, code, message, detail, head, null, null);
    }

    /**
     * S3's HTML error page; with {@code documentCode}, AWS's second section saying why the bucket's
     * own error document could not be shown instead (it is not publicly readable, or missing).
     */
    private static WireResponse page(int status, String code, String message, String detail, boolean head, String documentCode,
                                     String documentMessage) {
        String id = UUID.randomUUID().toString();
        String title = status + " " + reason(status);
        String html = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n<li>Code: " + code
                + "</li>\n<li>Message: " + message + "</li>\n" + (detail == null ? "" : "<li>" + escape(detail) + "</li>\n")
                + "<li>RequestId: " + id + "</li>\n<li>HostId: " + id + "</li>\n</ul>\n"
                + (documentCode == null ? "" : "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n"
                + "<li>Code: " + documentCode + "</li>\n<li>Message: " + documentMessage + "</li>\n</ul>\n")
                + "<hr/>\n</body>\n</html>\n";
        WireResponse r = WireResponse.of(status, "text/html; charset=utf-8", head ? new byte[0] : html.getBytes(StandardCharsets.UTF_8));
        r.headers().set("x-amz-error-code", code);
        r.headers().set("x-amz-error-message", message);
        return r;
    }

    private static String reason(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Error";
        };
    }

    private static String escape(String s) {
        return io.haneul.core.protocol.XmlText.escaped(s);
    }
}
