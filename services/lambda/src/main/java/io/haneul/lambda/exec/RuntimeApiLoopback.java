package io.haneul.lambda.exec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The same Runtime API as {@link RuntimeApiPlane}, on a listener of the Lambda module's own on
 * 127.0.0.1 (an ephemeral port, started with the first environment that needs it), for runtime
 * clients that cannot live with Haneul's port: AWS's Java runtime interface client waits in
 * {@code next} in native code that crashes the JVM on anything but an event (a 204 after the poll
 * time is a SIGSEGV), so its {@code next} must be held open as long as the function is idle, which
 * the main listener's idle timeout forbids. This listener has no request timeout; a held
 * {@code next} ends when an event comes or the environment stops.
 *
 * <p>The address form is the one of the main port, {@code 127.0.0.1:<port>/_aws/lambda-runtime/<id>};
 * the environment id is still the credential. Only loopback clients can reach it.
 */
public final class RuntimeApiLoopback implements AutoCloseable {

    private final Function<String, Optional<ExecutionEnvironment>> environments;
    private final Duration poll;
    private final RuntimeApiPlane plane = new RuntimeApiPlane();
    private HttpServer server;

    /** @param poll how often a held {@code next} looks whether its environment is still alive */
    public RuntimeApiLoopback(Function<String, Optional<ExecutionEnvironment>> environments, Duration poll) {
        this.environments = environments;
        this.poll = poll;
    }

    /** {@code 127.0.0.1:<port>/_aws/lambda-runtime/<id>}, starting the listener on first use. */
    public synchronized String runtimeApi(String environmentId) {
        if (server == null) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
                s.setExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lambda-runtime-api-", 0).factory()));
                s.createContext(RuntimeApiPlane.PREFIX, this::handle);
                s.start();
                server = s;
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the Runtime API listener on 127.0.0.1", e);
            }
        }
        return "127.0.0.1:" + server.getAddress().getPort() + RuntimeApiPlane.PREFIX + environmentId;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = new Headers();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            WireRequest request = new WireRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, "127.0.0.1");
            RuntimeApiHost host = new RuntimeApiHost() {
                @Override
                public Optional<ExecutionEnvironment> environment(String id) {
                    return environments.apply(id);
                }

                @Override
                public Duration nextPoll() {
                    return poll;
                }

                @Override
                public boolean holdsNext() {
                    return true;
                }
            };
            DataPlaneCall call = new DataPlaneCall(request, null, UUID.randomUUID().toString(), "http", Instant.now(),
                    () -> host, (r, s, name) -> {
                        throw new AuthException("AccessDenied", "the Runtime API is not signed", 403);
                    });
            WireResponse response = plane.handle(call);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
