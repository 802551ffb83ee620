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
 * redirects, and HTML error pages. Buckets are served whatever their policy (policies are not
 * evaluated), as the REST endpoint does in permissive mode. Reached through {@link WebsitePlane}.
 */
final class WebsiteEndpoint {

    private final BucketService buckets;
    private final BucketConfigurations configs;
    private final ObjectService objects;

    WebsiteEndpoint(BucketService buckets, BucketConfigurations configs, ObjectService objects) {
        this.buckets = buckets;
        this.configs = configs;
        this.objects = objects;
    }

    /**
     * Answers a website request.
     *
     * @param keyPath the raw path below the bucket ({@code /} for the root), still percent-encoded
     * @param base    what precedes {@code keyPath} in the URLs clients use: empty on a website host,
     *                {@code /_aws/s3-website/<bucket>} in the path form, so that redirects stay in it
     */
    WireResponse handle(WireRequest request, String bucket, String keyPath, String base) {
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
        if (found.isEmpty() && !key.isEmpty() && !key.endsWith("/") && objects.currentVisible(b, key + "/" + suffix).isPresent()) {
            return redirect(302, base + "/" + keyPath.replaceFirst("^/", "") + "/");
        }
        if (found.isPresent()) {
            ObjectRecord o = found.get();
            String target = o.headers().get("x-amz-website-redirect-location");
            if (target != null) {
                return redirect(301, target);
            }
            return serve(b, o, 200, head);
        }
        Optional<WireResponse> onError = route(site, key, 404, request, base);
        if (onError.isPresent()) {
            return onError.get();
        }
        if (site.errorDocument() != null) {
            Optional<ObjectRecord> error = objects.currentVisible(b, site.errorDocument().key());
            if (error.isPresent()) {
                return serve(b, error.get(), 404, head);
            }
        }
        return page(404, "NoSuchKey", "The specified key does not exist.", "Key: " + lookup, head);
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
        String id = UUID.randomUUID().toString();
        String title = status + " " + (status == 404 ? "Not Found" : status == 405 ? "Method Not Allowed" : "Error");
        String html = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n<li>Code: " + code
                + "</li>\n<li>Message: " + message + "</li>\n" + (detail == null ? "" : "<li>" + escape(detail) + "</li>\n")
                + "<li>RequestId: " + id + "</li>\n<li>HostId: " + id + "</li>\n</ul>\n<hr/>\n</body>\n</html>\n";
        WireResponse r = WireResponse.of(status, "text/html; charset=utf-8", head ? new byte[0] : html.getBytes(StandardCharsets.UTF_8));
        r.headers().set("x-amz-error-code", code);
        r.headers().set("x-amz-error-message", message);
        return r;
    }

    private static String escape(String s) {
        return io.haneul.core.protocol.XmlText.escaped(s);
    }
}
