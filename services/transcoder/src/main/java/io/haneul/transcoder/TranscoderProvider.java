package io.haneul.transcoder;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/**
 * The Elastic Transcoder API: the operations live in parts by topic (pipelines, presets, jobs);
 * SDK shapes in and out, rules in the services behind them.
 */
@ProviderParts.Types({PipelineApi.class, PresetApi.class, JobApi.class})
public final class TranscoderProvider implements ProviderParts {

    private final List<Object> parts;
    private final JobProgressRoute progress;

    TranscoderProvider(List<Object> parts, JobProgressRoute progress) {
        this.parts = List.copyOf(parts);
        this.progress = progress;
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    JobProgressRoute progress() {
        return progress;
    }
}
