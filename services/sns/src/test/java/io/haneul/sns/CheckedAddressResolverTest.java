package io.haneul.sns;

import io.haneul.sns.domain.HttpTargetRule;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckedAddressResolverTest {

    /** A DNS that answers each lookup with the next of its scripted answers (what a rebinding attacker's server does). */
    private static SocketAddressResolver scripted(String... answers) {
        Deque<String> script = new ArrayDeque<>(List.of(answers));
        return (host, port, context, promise) -> {
            try {
                promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByName(script.poll()), port)));
            } catch (Exception e) {
                promise.failed(e);
            }
        };
    }

    private static List<InetSocketAddress> resolve(SocketAddressResolver resolver) throws Exception {
        CompletableFuture<List<InetSocketAddress>> out = new CompletableFuture<>();
        resolver.resolve("rebind.example", 80, Map.of(), Promise.from(out));
        return out.get();
    }

    @Test
    void everyConnectionIsJudgedOnWhatTheNameResolvesToThen() throws Exception {
        CheckedAddressResolver resolver = new CheckedAddressResolver(scripted("93.184.216.34", "127.0.0.1", "169.254.169.254"),
                HttpTargetRule.parse(""));
        assertEquals(InetAddress.getByName("93.184.216.34"), resolve(resolver).getFirst().getAddress());
        ExecutionException rebound = assertThrows(ExecutionException.class, () -> resolve(resolver));
        assertInstanceOf(CheckedAddressResolver.EndpointNotAllowed.class, rebound.getCause());
        assertInstanceOf(CheckedAddressResolver.EndpointNotAllowed.class, assertThrows(ExecutionException.class,
                () -> resolve(resolver)).getCause());
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIs() throws Exception {
        List<InetSocketAddress> addresses = List.of(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 80),
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 80));
        SocketAddressResolver both = (host, port, context, promise) -> promise.succeeded(addresses);
        CheckedAddressResolver resolver = new CheckedAddressResolver(both, HttpTargetRule.parse(""));
        assertInstanceOf(CheckedAddressResolver.EndpointNotAllowed.class, assertThrows(ExecutionException.class,
                () -> resolve(resolver)).getCause());
        assertEquals(2, resolve(new CheckedAddressResolver(both, HttpTargetRule.parse("10.0.0.0/8,public"))).size());
    }
}
