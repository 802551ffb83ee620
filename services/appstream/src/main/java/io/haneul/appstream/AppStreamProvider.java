package io.haneul.appstream;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The AppStream 2.0 API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({ImageApi.class, ImageBuilderApi.class, FleetApi.class, StackApi.class, EntitlementApi.class,
        ApplicationApi.class, AppBlockApi.class, UserApi.class, AccountApi.class, TagApi.class, SessionApi.class})
public final class AppStreamProvider implements ProviderParts, AutoCloseable {

    private final List<Object> parts;
    private final AutoCloseable engine;

    /** @param engine the streaming engine, closed (its sessions ended) when the server stops */
    AppStreamProvider(List<Object> parts, AutoCloseable engine) {
        this.parts = List.copyOf(parts);
        this.engine = engine;
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    @Override
    public void close() throws Exception {
        engine.close();
    }
}
