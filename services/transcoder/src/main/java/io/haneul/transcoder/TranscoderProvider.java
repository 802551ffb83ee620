package io.haneul.transcoder;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/**
 * The Elastic Transcoder API: the operations live in parts by topic (pipelines, presets, jobs);
 * SDK shapes in and out, rules in the services behind them.
 */
@ProviderParts.Types({})
public final class TranscoderProvider implements ProviderParts {

    private final List<Object> parts;

    TranscoderProvider(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }
}
