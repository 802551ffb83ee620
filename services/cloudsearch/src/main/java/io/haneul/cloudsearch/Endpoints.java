package io.haneul.cloudsearch;

/**
 * The DocService and SearchService endpoints DescribeDomains hands out, which clients use as given
 * ({@code "http://" + endpoint}). By default they are paths on the host the client used, because
 * glibc does not resolve {@code *.localhost} names: {@code 127.0.0.1:4566/_aws/cloudsearch/doc-<id>};
 * with {@code --cloudsearch-endpoints host} they are AWS's host form on Haneul's port:
 * {@code doc-<id>.<region>.cloudsearch.localhost:4566}.
 */
record Endpoints(boolean hostStyle) {

    /** The path prefix of the path form, under which the data plane serves {@code doc-<id>} and {@code search-<id>}. */
    static final String PATH_PREFIX = "/_aws/cloudsearch/";

    static Endpoints of(String setting) {
        return switch (setting) {
            case "host" -> new Endpoints(true);
            case "path", "" -> new Endpoints(false);
            default -> throw new IllegalArgumentException("--cloudsearch-endpoints must be 'path' or 'host', not '" + setting + "'");
        };
    }

    String doc(String host, String region, String endpointId) {
        return endpoint("doc-", host, region, endpointId);
    }

    String search(String host, String region, String endpointId) {
        return endpoint("search-", host, region, endpointId);
    }

    private String endpoint(String service, String requestHost, String region, String endpointId) {
        String host = requestHost == null || requestHost.isBlank() ? "localhost" : requestHost;
        if (!hostStyle) {
            return host + PATH_PREFIX + service + endpointId;
        }
        int colon = host.lastIndexOf(':');
        String port = colon >= 0 && !host.endsWith("]") ? host.substring(colon) : "";
        return service + endpointId + "." + region + ".cloudsearch.localhost" + port;
    }
}
