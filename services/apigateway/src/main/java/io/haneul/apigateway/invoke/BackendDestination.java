package io.haneul.apigateway.invoke;

import java.net.URI;
import java.util.Locale;

/**
 * Where a backend call goes: scheme, host and port, the key of the idle-connection pool.
 *
 * @param host as the URI names it (an IPv6 literal keeps its brackets)
 */
record BackendDestination(boolean tls, String host, int port) {

    /** @throws IllegalArgumentException for anything but an absolute http or https URI with a host */
    static BackendDestination of(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "http" -> false;
            case "https" -> true;
            default -> throw new IllegalArgumentException("not an http or https URI: " + target);
        };
        if (target.getHost() == null || target.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host in " + target);
        }
        int port = target.getPort() < 0 ? defaultPort(tls) : target.getPort();
        return new BackendDestination(tls, target.getHost(), port);
    }

    /** The {@code Host} header's value: the port only when it is not the scheme's default. */
    String authority() {
        return port == defaultPort(tls) ? host : host + ":" + port;
    }

    /** The host as a resolver takes it (an IPv6 literal without its brackets). */
    String resolvableHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int defaultPort(boolean tls) {
        return tls ? 443 : 80;
    }
}
