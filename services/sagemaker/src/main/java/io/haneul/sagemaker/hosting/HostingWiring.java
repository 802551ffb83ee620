package io.haneul.sagemaker.hosting;

import io.haneul.core.spi.ObjectStorage;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.TopicDelivery;
import io.haneul.sagemaker.algorithms.Algorithms;
import io.haneul.sagemaker.hosting.domain.Arns;
import io.haneul.sagemaker.hosting.store.HostingStore;
import io.haneul.sagemaker.SageMakerSettings;
import io.haneul.sagemaker.script.ScriptModels;
import io.haneul.storage.Database;
import io.haneul.storage.DurableScheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds SageMaker's hosting half (models, endpoint configurations, endpoints, the runtime, batch
 * transform, tags) and registers its scheduler jobs; {@code SageMakerModule} adds the parts to the provider.
 */
public final class HostingWiring implements AutoCloseable {

    /** The provider parts, in {@code SageMakerProvider}'s order. */
    public static final List<Class<?>> PART_TYPES = List.of(ModelApi.class, EndpointConfigApi.class, EndpointApi.class,
            RuntimeApi.class, TransformApi.class, TagApi.class, ModelPackageApi.class);

    private final List<Object> parts;
    private final Deployments deployments;

    /**
     * @param taggable lookups, by ARN resource type (e.g. {@code training-job}), that tell whether a resource
     *                 of another part of the service exists, so that AddTags/ListTags/DeleteTags accept it
     */
    public HostingWiring(ServiceEnvironment env, SageMakerSettings settings, Algorithms algorithms, Map<String, Predicate<Arns.Parts>> taggable) {
        Database db = env.require(Database.class);
        DurableScheduler scheduler = env.require(DurableScheduler.class);
        HostingStore store = new HostingStore(db);
        Hosting h = new Hosting(store, env.clock(), scheduler, algorithms, () -> env.require(ObjectStorage.class),
                () -> env.find(TopicDelivery.class));
        ModelArtifacts artifacts = new ModelArtifacts(h.storage, algorithms, new ScriptModels(settings.python(), settings.invocationTimeout(),
                settings.serverEndpoint(), settings.maxUnpackedBytes()));
        deployments = new Deployments();
        ModelApi models = new ModelApi(h);
        EndpointConfigApi configs = new EndpointConfigApi(h, models);
        VariantModels variantModels = new VariantModels(artifacts::load, new VariantModels.MultiModelLimits(settings.multiModelCache(),
                Runtime.getRuntime().availableProcessors(), settings.multiModelLoadWait()));
        EndpointDeployer deployer = new EndpointDeployer(h, configs, models, variantModels, deployments);
        Invocations invocations = new Invocations(h, deployer, deployments, new DataCapture(h));
        AsyncInvocations async = new AsyncInvocations(h, invocations);
        scheduler.register(EndpointDeployer.KIND, deployer);
        scheduler.register(AsyncInvocations.KIND, async);
        scheduler.register(TransformRunner.KIND, new TransformRunner(h, models, variantModels));
        Map<String, Predicate<Arns.Parts>> exists = new HashMap<>(taggable);
        for (String kind : List.of(Hosting.MODEL, Hosting.ENDPOINT_CONFIG, Hosting.ENDPOINT, Hosting.TRANSFORM_JOB,
                ModelPackageApi.GROUP, ModelPackageApi.PACKAGE)) {
            exists.put(kind, p -> store.existsByArnName(p.account(), p.region(), kind, p.name()));
        }
        parts = List.of(models, configs, new EndpointApi(h, configs, deployments), new RuntimeApi(invocations, async,
                new ResponseStreams(invocations::invokeWith, new StreamEvents(new com.fasterxml.jackson.databind.ObjectMapper()))),
                new TransformApi(h, models), new TagApi(h, Map.copyOf(exists)), new ModelPackageApi(h));
    }

    public List<Object> parts() {
        return parts;
    }

    /** Releases the models loaded on this node (the server is shutting down). */
    @Override
    public void close() {
        deployments.close();
    }
}
