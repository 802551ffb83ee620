package io.haneul.transcoder;

import io.haneul.core.spi.MediaTools;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;
import io.haneul.transcoder.domain.Ids;
import io.haneul.transcoder.ffmpeg.BundledFfmpeg;
import io.haneul.transcoder.ffmpeg.FfmpegEngine;
import io.haneul.transcoder.presets.SystemPresets;
import io.haneul.transcoder.store.SqlDocuments;
import io.haneul.transcoder.store.SqlJobs;
import io.haneul.transcoder.store.TranscoderSchema;

import java.util.List;
import java.util.Map;
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
        Database db = env.require(Database.class);
        db.migrate(TranscoderSchema.COMPONENT, TranscoderSchema.MIGRATIONS);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        Ids ids = new Ids(env.clock());
        Resources resources = new Resources(() -> env.find(ObjectStorage.class), () -> env.find(TopicDelivery.class));
        SqlJobs jobStore = new SqlJobs(db);
        PresetService presets = new PresetService(SqlDocuments.presets(db), new SystemPresets().all(), ids);
        JobService[] jobsRef = new JobService[1];
        PipelineService pipelines = new PipelineService(SqlDocuments.pipelines(db), jobStore, ids, resources,
                (account, region, id) -> jobsRef[0].resumed(account, region, id));
        JobService jobs = new JobService(jobStore, pipelines, presets, scheduler, ids, env.clock());
        jobsRef[0] = jobs;
        int parallel = Integer.parseInt(env.setting("transcoder-parallel-jobs", String.valueOf(Runtime.getRuntime().availableProcessors())));
        JobRunner runner = new JobRunner(jobStore, pipelines, presets, resources, new FfmpegEngine(mediaTools),
                new JobMessages(() -> env.find(TopicDelivery.class)), scheduler, env.clock(), Math.max(1, parallel));
        scheduler.register(JobRunner.KIND, runner);
        return new TranscoderProvider(List.of(new PipelineApi(pipelines), new PresetApi(presets), new JobApi(jobs),
                        new RoleTestApi(resources, () -> env.find(io.haneul.core.spi.RoleDirectory.class))),
                new JobProgressRoute(jobStore), runner::close);
    }

    /** Jobs stored before a restart must run without waiting for a first Elastic Transcoder request. */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return TranscoderProvider.class;
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return Map.of("GET /_haneul/transcoder/jobs", (provider, call) -> ((TranscoderProvider) provider).progress().list(call));
    }

    /**
     * Elastic Transcoder answers empty lists as {@code []} (a pipeline's {@code Warnings}, a page of no jobs):
     * a service of the 2012 JSON generation, like the other rest-json services Haneul serves.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("*");
    }

    @Override
    public Optional<Object> export(Class<?> type, Object provider) {
        return type == MediaTools.class ? Optional.of(mediaTools) : Optional.empty();
    }
}
