package io.haneul.sns;

import io.haneul.sns.domain.HttpTargetRule;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Resolves an endpoint's host for the HTTP client and hands it only addresses {@code --sns-http-allow}
 * allows, failing the connection with {@link EndpointNotAllowed} when the host resolves to any other.
 * The client calls this for every new connection and connects to exactly the addresses returned, so
 * the address judged is the address connected to: a name that first resolves to a public address and
 * then to 127.0.0.1 (DNS rebinding) is refused on the connection that would have reached 127.0.0.1.
 */
final class CheckedAddressResolver implements SocketAddressResolver {

    /** The endpoint resolved to an address SNS may not deliver to. Carries no address: it may end up in a dead letter. */
    static final class EndpointNotAllowed extends RuntimeException {
        EndpointNotAllowed() {
            super("endpoint address not allowed", null, false, false);
        }
    }

    private final SocketAddressResolver resolver;
    private final HttpTargetRule rule;

    CheckedAddressResolver(SocketAddressResolver resolver, HttpTargetRule rule) {
        this.resolver = resolver;
        this.rule = rule;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        resolver.resolve(host, port, context, Promise.from(addresses -> {
            boolean allowed = !addresses.isEmpty() && addresses.stream()
                    .allMatch(a -> a.getAddress() != null && rule.allowsAddress(a.getAddress()));
            if (allowed) {
                promise.succeeded(addresses);
            } else {
                promise.failed(new EndpointNotAllowed());
            }
        }, promise::failed));
    }
}
