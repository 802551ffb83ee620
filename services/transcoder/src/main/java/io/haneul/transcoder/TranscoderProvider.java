package io.haneul.transcoder;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/**
 * The Elastic Transcoder API: the operations live in parts by topic (pipelines, presets, jobs);
 * SDK shapes in and out, rules in the services behind them.
 */
@ProviderParts.Types({PipelineApi.class, PresetApi.class, JobApi.class, RoleTestApi.class})
public final class TranscoderProvider implements ProviderParts, AutoCloseable {

    private final List<Object> parts;
    private final JobProgressRoute progress;
    private final Runnable onClose;

    /** @param onClose stops the jobs running on this node when the server shuts down */
    TranscoderProvider(List<Object> parts, JobProgressRoute progress, Runnable onClose) {
        this.parts = List.copyOf(parts);
        this.progress = progress;
        this.onClose = onClose;
    }

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    JobProgressRoute progress() {
        return progress;
    }
}
