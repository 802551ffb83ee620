package io.haneul.rekognition;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The Rekognition API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({})
public final class RekognitionProvider implements ProviderParts {

    private final List<Object> parts;

    RekognitionProvider(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }
}
