package io.haneul.core.routing;

import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.WireRequest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which service a request is for, the way AWS clients address services: the SigV4
 * credential scope's signing name (with path prefixes splitting services that share one),
 * {@code X-Amz-Target}, the CBOR {@code /service/<name>/} path, the Host, and the query
 * {@code Version} field. Answers the model id, e.g. {@code sesv2}, or null.
 */
public final class ServiceResolver {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("X-Amz-Credential=[^&]*?(?:/|%2F)\\d{8}(?:/|%2F)([^/&%]+)(?:/|%2F)([^/&%]+)(?:/|%2F)aws4_request");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    /** Where a request goes and in which region. */
    public record Resolution(String serviceId, String region) {
    }

    private final Map<String, ServiceModel> byId = new HashMap<>();
    private final Map<String, String> byTargetPrefix = new HashMap<>();
    private final Map<String, String> byEndpointPrefix = new HashMap<>();
    private final Map<String, String> byQueryVersion = new HashMap<>();
    private final String defaultRegion;

    public ServiceResolver(Collection<ServiceModel> models, String defaultRegion) {
        this.defaultRegion = defaultRegion;
        for (ServiceModel m : models) {
            byId.put(m.id(), m);
            if (m.targetPrefix() != null) {
                byTargetPrefix.put(m.targetPrefix(), m.id());
            }
            byEndpointPrefix.putIfAbsent(m.endpointPrefix(), m.id());
            if (m.protocols().contains("query") || m.awsQueryCompatible()) {
                byQueryVersion.putIfAbsent(m.apiVersion(), m.id());
            }
        }
    }

    public Resolution resolve(WireRequest request) {
        String region = null;
        String signingName = null;
        String auth = request.header("Authorization");
        Matcher m = auth == null ? null : SCOPE.matcher(auth);
        if (m != null && m.find()) {
            region = m.group(1);
            signingName = m.group(2);
        } else if (request.rawQuery().contains("X-Amz-Credential=")) {
            Matcher q = QUERY_SCOPE.matcher(request.rawQuery());
            if (q.find()) {
                region = q.group(1);
                signingName = q.group(2);
            }
        }
        String id = signingName == null ? null : bySigningName(signingName, request);
        if (id == null) {
            id = byTarget(request);
        }
        if (id == null) {
            id = byHost(request);
        }
        if (id == null) {
            id = byQueryVersion(request);
        }
        if (id == null && byId.containsKey("s3") && looksLikeUnsignedS3(request)) {
            id = "s3";
        }
        if (region == null) {
            region = regionFromHost(request.hostName());
        }
        return new Resolution(id, region == null ? defaultRegion : region);
    }

    private String bySigningName(String signingName, WireRequest request) {
        String path = request.rawPath();
        String id = switch (signingName) {
            case "ses" -> path.startsWith("/v2/email") ? "sesv2" : "ses";
            case "apigateway" -> path.startsWith("/v2/") ? "apigatewayv2" : "apigateway";
            case "execute-api" -> "apigatewaymanagementapi";
            case "cloudsearch" -> path.startsWith("/2013-01-01/") ? "cloudsearchdomain" : "cloudsearch";
            case "sagemaker" -> path.startsWith("/endpoints/") ? "sagemaker-runtime" : "sagemaker";
            case "monitoring" -> "cloudwatch";
            default -> signingName;
        };
        if (byId.containsKey(id)) {
            return id;
        }
        return byEndpointPrefix.get(signingName);
    }

    private String byTarget(WireRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            int dot = target.lastIndexOf('.');
            if (dot > 0) {
                return byTargetPrefix.get(target.substring(0, dot));
            }
        }
        String path = request.rawPath();
        if (path.startsWith("/service/")) {
            int end = path.indexOf('/', 9);
            if (end > 9) {
                String name = path.substring(9, end);
                String id = byTargetPrefix.get(name);
                if (id != null) {
                    return id;
                }
                for (ServiceModel model : byId.values()) {
                    if (model.serviceId().replace(" ", "").equalsIgnoreCase(name)) {
                        return model.id();
                    }
                }
            }
        }
        return null;
    }

    private String byHost(WireRequest request) {
        String host = request.hostName();
        int dot = host.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String first = host.substring(0, dot);
        String id = byEndpointPrefix.get(first);
        if (id != null) {
            return id;
        }
        if (host.contains(".s3.") || host.startsWith("s3.") || host.contains(".s3-") || host.endsWith(".localhost")) {
            // <bucket>.s3.localhost, s3.<region>.amazonaws.com, <bucket>.localhost
            return byId.containsKey("s3") ? "s3" : null;
        }
        return null;
    }

    /**
     * True for a request no other rule placed that S3 clients send unsigned (curl, browsers, anonymous
     * SDK clients): no X-Amz-Target, no SigV4 signature, not a POST of a form, JSON or CBOR body (the
     * shape of the query and JSON protocols' calls). Other methods with those content types are S3
     * uploads: {@code curl -X PUT --data-binary @file} sends a form content type, a JSON file a JSON one.
     */
    private static boolean looksLikeUnsignedS3(WireRequest request) {
        String auth = request.header("Authorization");
        String ct = request.header("Content-Type");
        String query = request.rawQuery();
        return (auth == null || auth.startsWith("AWS ")) && request.header("X-Amz-Target") == null
                && !query.contains("X-Amz-Credential=") && !query.contains("Action=")
                && !request.rawPath().startsWith("/service/")
                && (ct == null || !"POST".equals(request.method()) || !(ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("application/x-amz-json")
                || ct.startsWith("application/json") || ct.startsWith("application/cbor")));
    }

    /**
     * The bucket an S3 static-website host names ({@code <bucket>.s3-website.localhost},
     * {@code <bucket>.s3-website-<region>...}), or null. Requests to such hosts are only ever served by
     * the website endpoint (GET/HEAD, anything else 405), never by S3's operations.
     */
    public static String s3WebsiteBucket(String hostName) {
        String host = hostName.toLowerCase(java.util.Locale.ROOT);
        int at = host.indexOf(".s3-website");
        return at > 0 ? host.substring(0, at) : null;
    }

    /**
     * Whether a request is an S3 browser-form upload: a POST of multipart/form-data to a bucket with
     * nothing else in the target (judged on the path-style form, {@code /<bucket>}). Only such a
     * request is handled as a form upload, whose signature is checked in its body.
     */
    public static boolean isS3BrowserForm(WireRequest pathStyle) {
        String ct = pathStyle.header("Content-Type");
        String path = pathStyle.rawPath();
        int slash = path.indexOf('/', 1);
        return "POST".equals(pathStyle.method()) && ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
                && path.length() > 1 && (slash < 0 || slash == path.length() - 1) && pathStyle.rawQuery().isEmpty();
    }

    /**
     * The bucket a virtual-hosted-style S3 request names in its Host ({@code <bucket>.s3.localhost},
     * {@code <bucket>.s3.<region>.amazonaws.com}, {@code <bucket>.s3-<region>.amazonaws.com},
     * {@code <bucket>.localhost}), or null for path style ({@code localhost}, {@code s3.localhost},
     * an IP address). The engine routes S3 by path, so the caller prepends it to the path.
     */
    public static String s3VirtualHostBucket(String hostName) {
        String host = hostName.toLowerCase(java.util.Locale.ROOT);
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

    private String byQueryVersion(WireRequest request) {
        String query = request.rawQuery();
        String ct = request.header("Content-Type");
        String form = ct != null && ct.startsWith("application/x-www-form-urlencoded")
                ? new String(request.body(), java.nio.charset.StandardCharsets.UTF_8) : "";
        for (String source : List.of(form, query)) {
            Map<String, List<String>> params = WireRequest.parseForm(source);
            List<String> version = params.get("Version");
            if (version != null && params.containsKey("Action")) {
                return byQueryVersion.get(version.getFirst());
            }
        }
        return null;
    }

    private static String regionFromHost(String host) {
        String[] labels = host.split("\\.");
        for (int i = 1; i < labels.length; i++) {
            if (REGION.matcher(labels[i]).matches()) {
                return labels[i];
            }
        }
        return null;
    }
}
