package io.haneul.appstream;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The AppStream 2.0 API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({})
public final class AppStreamProvider implements ProviderParts {

    private final List<Object> parts;

    AppStreamProvider(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }
}
