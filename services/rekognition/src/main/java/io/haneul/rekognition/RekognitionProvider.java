package io.haneul.rekognition;

import io.haneul.core.engine.ProviderParts;

import java.util.List;

/** The Rekognition API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them. */
@ProviderParts.Types({FaceApi.class, AnalysisApi.class, CollectionApi.class, FaceSearchApi.class, UserApi.class,
        VideoApi.class, TagApi.class, StreamProcessorApi.class, LivenessApi.class, ProjectApi.class, ProjectPolicyApi.class, DatasetApi.class,
        MediaAnalysisApi.class})
public final class RekognitionProvider implements ProviderParts, AutoCloseable {

    private final List<Object> parts;
    private final AutoCloseable models;

    /** @param models closed with the provider: the loaded models hold native memory, and video jobs stop */
    RekognitionProvider(List<Object> parts, AutoCloseable models) {
        this.parts = List.copyOf(parts);
        this.models = models;
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    @Override
    public void close() throws Exception {
        models.close();
    }
}
