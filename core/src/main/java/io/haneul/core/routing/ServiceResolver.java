package io.haneul.core.routing;

import io.haneul.core.dataplane.ApiAddressing;
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
 * credential scope's signing name, or one a module names for its API besides the model's (models
 * sharing one, such as {@code ses} and {@code sesv2}, are told apart by the path prefix all of a
 * model's operations share, read from the models),
 * {@code X-Amz-Target}, the CBOR {@code /service/<name>/} path, the Host (the endpoint prefix, then
 * hosts modules claim), the query {@code Version} field, and last what a module claims of requests
 * nothing placed. Answers the model id, e.g. {@code sesv2}, or null. Names no service: everything
 * service-specific comes from the models and the modules' {@link ApiAddressing}.
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
    private final Map<String, List<String>> bySigningName = new HashMap<>();
    private final Map<String, List<PathPrefix>> prefixesBySigningName = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<HostClaim> hostClaims = new java.util.ArrayList<>();
    private final List<Map.Entry<String, ApiAddressing>> unplacedClaims = new java.util.ArrayList<>();
    private final java.util.function.Function<String, List<String>> requestUris;
    private final String defaultRegion;

    /** A host pattern a module claims for one of its APIs. */
    private record HostClaim(HostPattern pattern, String modelId) {
    }

    /** The literal path prefix all operations of a model share (e.g. {@code /v2/email/}), {@code /} when none. */
    private record PathPrefix(String prefix, String modelId) {
    }

    /**
     * @param requestUris the request URIs of a model's operations by model id, read when a signing
     *                    name shared by several models is first seen
     * @param addressing  the modules' addressing of their APIs, by model id
     */
    public ServiceResolver(Collection<ServiceModel> models, String defaultRegion,
                           java.util.function.Function<String, List<String>> requestUris, Map<String, ApiAddressing> addressing) {
        this.defaultRegion = defaultRegion;
        this.requestUris = requestUris;
        for (ServiceModel m : models) {
            byId.put(m.id(), m);
            bySigningName.computeIfAbsent(m.signingName(), k -> new java.util.ArrayList<>()).add(m.id());
            if (m.targetPrefix() != null) {
                byTargetPrefix.put(m.targetPrefix(), m.id());
            }
            byEndpointPrefix.putIfAbsent(m.endpointPrefix(), m.id());
            if (m.protocols().contains("query") || m.awsQueryCompatible()) {
                byQueryVersion.putIfAbsent(m.apiVersion(), m.id());
            }
        }
        addressing.forEach((modelId, a) -> {
            if (byId.containsKey(modelId)) {
                a.hosts().forEach(h -> hostClaims.add(new HostClaim(h, modelId)));
                // further signing names of the API (S3's s3express), unless a model has one of them as its own
                a.signingNames().forEach(n -> bySigningName.putIfAbsent(n, List.of(modelId)));
                unplacedClaims.add(Map.entry(modelId, a));
            }
        });
        hostClaims.sort(java.util.Comparator.comparingInt((HostClaim c) -> c.pattern().specificity()).reversed());
    }

    public Resolution resolve(WireRequest request) {
        return resolve(request, true);
    }

    /**
     * Resolves a request from its request line and headers alone, before its body is read (to
     * apply the service's size limit and authenticate first): the service id is null when only the
     * body could tell (a form POST that names its API by the {@code Action} and {@code Version}
     * fields, with no signature, target or host that places it).
     */
    public Resolution resolveBeforeBody(WireRequest head) {
        return resolve(head, false);
    }

    private Resolution resolve(WireRequest request, boolean bodyRead) {
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
        if (id == null && !bodyRead && isFormPost(request)) {
            return new Resolution(null, region == null ? defaultRegionOf(request) : region);
        }
        if (id == null) {
            id = byQueryVersion(request);
        }
        if (id == null) {
            id = byModuleClaim(request);
        }
        return new Resolution(id, region == null ? defaultRegionOf(request) : region);
    }

    private String defaultRegionOf(WireRequest request) {
        String region = regionInHost(request.hostName());
        return region == null ? defaultRegion : region;
    }

    private static boolean isFormPost(WireRequest request) {
        String ct = request.header("Content-Type");
        return "POST".equals(request.method()) && ct != null && ct.startsWith("application/x-www-form-urlencoded");
    }

    private String bySigningName(String signingName, WireRequest request) {
        List<String> sharing = bySigningName.get(signingName);
        if (sharing == null) {
            // a scope naming a model id or an endpoint prefix rather than the signing name
            return byId.containsKey(signingName) ? signingName : byEndpointPrefix.get(signingName);
        }
        if (sharing.size() == 1) {
            return sharing.getFirst();
        }
        String path = request.rawPath();
        String fallback = null;
        for (PathPrefix p : prefixesBySigningName.computeIfAbsent(signingName, k -> prefixes(sharing))) {
            if (p.prefix().length() > 1 && path.startsWith(p.prefix())) {
                return p.modelId();
            }
            if (p.prefix().length() <= 1 && (fallback == null || p.modelId().equals(signingName))) {
                fallback = p.modelId();
            }
        }
        return fallback != null ? fallback : sharing.getFirst();
    }

    /** The shared path prefix of each model, longest first, so the most specific matching one wins. */
    private List<PathPrefix> prefixes(List<String> modelIds) {
        List<PathPrefix> out = new java.util.ArrayList<>();
        for (String id : modelIds) {
            out.add(new PathPrefix(commonLiteralPrefix(requestUris.apply(id)), id));
        }
        out.sort(java.util.Comparator.comparingInt((PathPrefix p) -> p.prefix().length()).reversed());
        return out;
    }

    /**
     * The longest path prefix every URI shares, up to its first label ({@code {Name}}) or query and cut
     * back to a {@code /}: {@code /v2/email/} for SES v2, {@code /} for query and JSON protocols.
     */
    static String commonLiteralPrefix(List<String> uris) {
        String common = null;
        for (String uri : uris) {
            int cut = uri.length();
            for (char stop : new char[]{'{', '?'}) {
                int at = uri.indexOf(stop);
                if (at >= 0) {
                    cut = Math.min(cut, at);
                }
            }
            String literal = uri.substring(0, cut);
            if (common == null) {
                common = literal;
            } else {
                int n = 0;
                while (n < common.length() && n < literal.length() && common.charAt(n) == literal.charAt(n)) {
                    n++;
                }
                common = common.substring(0, n);
            }
        }
        if (common == null || common.isEmpty()) {
            return "/";
        }
        return common.substring(0, common.lastIndexOf('/') + 1);
    }

    /** A request nothing else placed, claimed by a module (S3 called by curl or a browser). */
    private String byModuleClaim(WireRequest request) {
        for (Map.Entry<String, ApiAddressing> claim : unplacedClaims) {
            if (claim.getValue().claimsUnplaced(request)) {
                return claim.getKey();
            }
        }
        return null;
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
        for (HostClaim claim : hostClaims) {
            if (claim.pattern().matches(host)) {
                return claim.modelId();
            }
        }
        return null;
    }

    private String byQueryVersion(WireRequest request) {
        String query = request.rawQuery();
        String ct = request.header("Content-Type");
        if (ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
            // only the two fields are decoded: a large form is not copied into a String to be routed
            String version = FormFields.first(request.body(), "Version");
            if (version != null && FormFields.first(request.body(), "Action") != null) {
                return byQueryVersion.get(version);
            }
        }
        Map<String, List<String>> params = WireRequest.parseForm(query);
        List<String> version = params.get("Version");
        if (version != null && params.containsKey("Action")) {
            return byQueryVersion.get(version.getFirst());
        }
        return null;
    }

    /** The region a host name carries as one of its labels after the first (e.g. {@code sqs.eu-west-1.localhost}), or null. */
    public static String regionInHost(String host) {
        String[] labels = host.split("\\.");
        for (int i = 1; i < labels.length; i++) {
            if (REGION.matcher(labels[i]).matches()) {
                return labels[i];
            }
        }
        return null;
    }
}
