package io.haneul.appstream;

import io.haneul.appstream.streaming.StreamingEngine;
import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The AppStream 2.0 API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({ImageApi.class, ImageBuilderApi.class, FleetApi.class, StackApi.class, EntitlementApi.class,
        ApplicationApi.class, AppBlockApi.class, UserApi.class, AccountApi.class, TagApi.class, SessionApi.class})
public final class AppStreamProvider implements ProviderParts, AutoCloseable {

    private final List<Object> parts;
    /** Closed with the provider: every session's processes end when the server stops. */
    private final StreamingEngine streaming;

    AppStreamProvider(List<Object> parts, StreamingEngine streaming) {
        this.parts = List.copyOf(parts);
        this.streaming = streaming;
    }

    @Override
    public void close() {
        streaming.close();
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }
}
