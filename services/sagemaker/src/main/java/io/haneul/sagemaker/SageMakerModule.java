package io.haneul.sagemaker;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.core.wire.WireResponse;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.algorithms.BuiltInAlgorithms;
import io.haneul.sagemaker.training.TrainingWiring;

import io.haneul.sagemaker.hosting.HostingWiring;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.processing.ProcessingWiring;
import io.haneul.storage.Database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Registers SageMaker with the server. */
public final class SageMakerModule implements ServiceModule {

    static final String API_MODEL = "sagemaker-2017-07-24";

    @Override
    public String id() {
        return "sagemaker";
    }

    @Override
    public List<String> modelFiles() {
        return List.of(API_MODEL, "sagemaker-runtime-2017-05-13");
    }

    /** InvokeEndpoint takes bodies up to 6 MB (AWS answers 413 beyond). */
    static final long RUNTIME_MAX_BODY = 6L * 1024 * 1024;

    /** Hosting serves both models (the control plane and the runtime share endpoints), so it is built once. */
    private HostingWiring hosting;

    private synchronized HostingWiring hosting(ServiceEnvironment env, SageMakerSettings settings, Algorithms algorithms) {
        if (hosting == null) {
            Database db = env.require(Database.class);
            Map<String, Predicate<Arns.Parts>> taggable = new HashMap<>(TrainingWiring.taggable(db));
            taggable.put(ProcessingWiring.arnType(), ProcessingWiring.exists(db));
            hosting = new HostingWiring(env, settings, algorithms, taggable);
        }
        return hosting;
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Algorithms algorithms = BuiltInAlgorithms.create();
        List<Object> parts = new ArrayList<>();
        List<Object> components = new ArrayList<>();
        SageMakerSettings settings = SageMakerSettings.of(env);
        if (modelFile.equals(API_MODEL)) {
            TrainingWiring training = TrainingWiring.create(env, settings, algorithms);
            parts.addAll(training.parts());
            components.add(training);
            ProcessingWiring processing = ProcessingWiring.create(env, settings);
            parts.add(processing.api());
            components.add(processing);
        }
        HostingWiring h = hosting(env, settings, algorithms);
        parts.addAll(h.parts()); // closed once, by the module (both providers share it)
        return new SageMakerProvider(parts, components);
    }

    /** Closes the hosting both providers share (endpoints' loaded models, its scheduler handlers) once. */
    @Override
    public synchronized void close() {
        if (hosting != null) {
            try {
                hosting.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SageMakerModule.class).warn("closing SageMaker hosting failed", e);
            }
        }
    }

    /**
     * SageMaker writes the lists its List* answers require even when they are empty ({@code "Endpoints": []}),
     * and boto3 users index them without a default.
     */
    @Override
    public io.haneul.core.engine.WireStyle wireStyle(String modelId) {
        return io.haneul.core.engine.WireStyle.DEFAULT.keepingEmpty("ListModelsResponse.Models", "ListEndpointConfigsResponse.EndpointConfigs",
                "ListEndpointsResponse.Endpoints", "ListTransformJobsResponse.TransformJobSummaries", "ListTrainingJobsResponse.TrainingJobSummaries",
                "ListModelPackageGroupsResponse.ModelPackageGroupSummaryList", "ListModelPackagesResponse.ModelPackageSummaryList",
                "ListHyperParameterTuningJobsResponse.HyperParameterTuningJobSummaries",
                "ListTrainingJobsForHyperParameterTuningJobResponse.TrainingJobSummaries",
                "ListProcessingJobsResponse.ProcessingJobSummaries");
    }

    @Override
    public long maxRequestBytes(String modelId) {
        return modelId.startsWith("sagemaker-runtime") ? RUNTIME_MAX_BODY : ServiceModule.super.maxRequestBytes(modelId);
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return SageMakerProvider.class;
    }

    /**
     * Training jobs stored before a restart must be seen (and ended), and endpoint deployments, transform jobs and
     * asynchronous inferences run, without waiting for a first SageMaker request.
     */
    @Override
    public boolean startEagerly() {
        return true;
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return Map.of(TrainingWiring.logsRoute(), (provider, call) -> ((SageMakerProvider) provider).component(TrainingWiring.class)
                .map(t -> t.logs(call)).orElseGet(() -> WireResponse.of(404, "application/json", "{}".getBytes())));
    }
}
