package io.haneul.transcoder;

import io.haneul.core.spi.MediaTools;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.transcoder.ffmpeg.BundledFfmpeg;

import java.util.List;
import java.util.Optional;

/**
 * Registers Elastic Transcoder (elastictranscoder-2012-09-25): pipelines, presets and jobs that
 * transcode for real with the FFmpeg this module brings. It exports {@link MediaTools}, so that other
 * services (Rekognition Video) find the same ffmpeg and ffprobe without carrying a copy.
 */
public final class TranscoderModule implements ServiceModule {

    /** One locator per module instance: the programs are extracted and checked once. */
    private final MediaTools mediaTools = new BundledFfmpeg();

    @Override
    public String id() {
        return "elastictranscoder";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("elastictranscoder-2012-09-25");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        return new TranscoderProvider(List.of());
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return TranscoderProvider.class;
    }

    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        return type == MediaTools.class ? Optional.of(mediaTools) : Optional.empty();
    }
}
