package io.haneul.it.support;

import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.dataplane.DataPlaneCall;
import io.haneul.core.dataplane.WebSocketEndpoint;
import io.haneul.core.dataplane.WebSocketSession;
import io.haneul.core.dataplane.WebSocketUpgrade;
import io.haneul.core.routing.HostPattern;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A test-only module with no API model and one data plane, proving the data-plane SPI end to end
 * through the real listener: owned by path ({@code /_haneul/it-echo/...}) and by host
 * ({@code <anything>.echo.localhost}); HTTP requests are echoed (streamed bodies under
 * {@code /stream}), WebSockets echo messages (1 KiB limit; {@code ?idle=<ms>} sets the idle
 * timeout; {@code /manual} reads with explicit demand; {@code /refuse} is refused with 403), and
 * {@code /@connections} is handed on to API resolution.
 */
public final class EchoModule implements ServiceModule {

    public static final String PATH = "/_haneul/it-echo/";
    public static final int MAX_MESSAGE = 1024;

    @Override
    public String id() {
        return "it-echo";
    }

    @Override
    public List<String> modelFiles() {
        return List.of();
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment environment) {
        throw new UnsupportedOperationException("no models");
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return Object.class;
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return List.of(new EchoPlane());
    }

    static final class EchoPlane implements DataPlane {

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public List<HostPattern> hosts() {
            return List.of(HostPattern.of("*.echo.localhost"));
        }

        @Override
        public List<String> pathPrefixes() {
            return List.of(PATH);
        }

        @Override
        public boolean accepts(WireRequest head) {
            return !head.rawPath().contains("/@connections");
        }

        @Override
        public boolean streamsBody(WireRequest head) {
            return head.rawPath().contains("/stream");
        }

        @Override
        public WireResponse handle(DataPlaneCall call) {
            WireRequest r = call.request();
            if (r.rawPath().contains("/fail")) {
                throw new IllegalStateException("a plane failed with a secret detail");
            }
            String caller = "anonymous";
            if (r.rawQuery().contains("signed")) {
                try {
                    caller = call.authenticate("execute-api").accountId();
                } catch (AuthException e) {
                    return WireResponse.of(403, "application/json",
                            ("{\"message\":\"" + e.code() + "\"}").getBytes(StandardCharsets.UTF_8));
                }
            }
            long size;
            try (InputStream in = call.body()) {
                size = in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String json = "{\"method\":\"" + r.method() + "\",\"path\":\"" + r.rawPath() + "\",\"host\":\"" + r.hostName()
                    + "\",\"bytes\":" + size + ",\"caller\":\"" + caller + "\",\"requestId\":\"" + call.requestId() + "\"}";
            return WireResponse.of(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public WebSocketUpgrade upgrade(DataPlaneCall call) {
            WireRequest r = call.request();
            if (r.rawPath().endsWith("/refuse")) {
                return WebSocketUpgrade.refuse(WireResponse.of(403, "application/json",
                        "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8)));
            }
            List<String> idle = r.queryParameters().get("idle");
            Duration timeout = idle == null ? Duration.ofSeconds(30) : Duration.ofMillis(Long.parseLong(idle.getFirst()));
            WebSocketUpgrade accepted = WebSocketUpgrade.accept(new Echo(r.rawPath().endsWith("/manual")), MAX_MESSAGE, timeout);
            String offered = r.header("Sec-WebSocket-Protocol");
            return offered != null && offered.contains("echo.v1") ? accepted.withSubprotocol("echo.v1") : accepted;
        }
    }

    /** Sends every message back; "close" closes with 4000. */
    static final class Echo implements WebSocketEndpoint {
        private final boolean manual;

        Echo(boolean manual) {
            this.manual = manual;
        }

        @Override
        public boolean autoDemand() {
            return !manual;
        }

        @Override
        public void onOpen(WebSocketSession session) {
            session.sendText("hello " + (session.id().isEmpty() ? "?" : "client"));
            if (manual) {
                session.demand();
            }
        }

        @Override
        public void onText(WebSocketSession session, String text) {
            if (text.equals("close")) {
                session.close(4000, "bye");
                return;
            }
            // with explicit demand, the next frame is read only once the answer is written (back-pressure)
            session.sendText((manual ? "manual:" : "echo:") + text).thenRun(() -> {
                if (manual) {
                    session.demand();
                }
            });
        }

        @Override
        public void onBinary(WebSocketSession session, ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            session.sendBinary(copy).thenRun(() -> {
                if (manual) {
                    session.demand();
                }
            });
        }
    }
}
