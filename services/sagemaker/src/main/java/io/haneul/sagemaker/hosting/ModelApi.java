package io.haneul.sagemaker.hosting;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.spi.ObjectStorage;
import io.haneul.sagemaker.hosting.domain.HostingException;
import io.haneul.sagemaker.onnx.TritonModels;
import io.haneul.sagemaker.script.FrameworkImages;
import io.haneul.sagemaker.hosting.domain.Listing;
import io.haneul.sagemaker.hosting.domain.S3Location;
import io.haneul.sagemaker.hosting.store.HostingStore;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeleteModelResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CreateModel, DescribeModel, ListModels, DeleteModel. A model's container image must name an algorithm
 * Haneul serves and its ModelDataUrl must exist in Haneul's S3 (a multi-model container's is a prefix), as AWS checks both
 * when the model is made; a model may have up to 15 containers (a serial pipeline, or direct invocation by hostname).
 */
public final class ModelApi {

    private static final Listing<DescribeModelResponse> LISTING = new Listing<>(new Listing.Keys<>(
            DescribeModelResponse::modelName, DescribeModelResponse::creationTime, m -> ""));

    private static final int MAX_CONTAINERS = 15;

    private final Hosting h;

    ModelApi(Hosting h) {
        this.h = h;
    }

    public CreateModelResponse createModel(RequestContext ctx, CreateModelRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.MODEL, req.modelName());
            List<ContainerDefinition> containers = req.primaryContainer() != null ? List.of(req.primaryContainer()) : req.containers();
            if (req.primaryContainer() != null && req.hasContainers()) {
                throw HostingException.validation("Only one of PrimaryContainer and Containers may be specified.");
            }
            if (containers.isEmpty()) {
                throw HostingException.validation("Either PrimaryContainer or Containers must be specified.");
            }
            String executionMode = req.inferenceExecutionConfig() == null ? null : req.inferenceExecutionConfig().modeAsString();
            checkContainers(containers, req.primaryContainer() != null, executionMode);
            for (ContainerDefinition c : containers) {
                check(ctx.accountId(), c);
            }
            DescribeModelResponse doc = DescribeModelResponse.builder().modelName(req.modelName()).modelArn(arn)
                    .primaryContainer(req.primaryContainer()).containers(req.hasContainers() ? req.containers() : null)
                    .executionRoleArn(req.executionRoleArn()).vpcConfig(req.vpcConfig())
                    .enableNetworkIsolation(req.enableNetworkIsolation() == null ? Boolean.FALSE : req.enableNetworkIsolation())
                    .inferenceExecutionConfig(req.inferenceExecutionConfig()).creationTime(h.clock.instant()).build();
            if (!h.store.insert(new HostingStore.Row(ctx.accountId(), ctx.region(), Hosting.MODEL, req.modelName(), "Created",
                    h.clock.millis(), h.write(doc)))) {
                throw HostingException.validation("Cannot create already existing model \"" + arn + "\".");
            }
            h.tag(arn, req.tags());
            return CreateModelResponse.builder().modelArn(arn).build();
        });
    }

    /**
     * AWS's rules for the Containers list: at most 15, no multi-model one among several, hostnames unique, and given for every
     * container once one has one (or, for direct invocation, always; a PrimaryContainer's hostname is ignored).
     */
    private static void checkContainers(List<ContainerDefinition> containers, boolean primary, String executionMode) {
        if (containers.size() > MAX_CONTAINERS) {
            throw HostingException.validation("1 validation error detected: Value at 'containers' failed to satisfy constraint: Member must have"
                    + " length less than or equal to " + MAX_CONTAINERS);
        }
        boolean direct = "Direct".equals(executionMode);
        if (primary || containers.size() == 1 && !direct) {
            return;
        }
        if (containers.size() > 1 && containers.stream().anyMatch(VariantModels::multiModel)) {
            throw HostingException.validation("A container with Mode MultiModel must be the model's only container.");
        }
        boolean anyNamed = containers.stream().anyMatch(c -> c.containerHostname() != null);
        Set<String> hostnames = new HashSet<>();
        for (ContainerDefinition c : containers) {
            if (c.containerHostname() == null) {
                if (direct) {
                    throw HostingException.validation("Every container of a model with InferenceExecutionConfig Mode Direct must have a"
                            + " ContainerHostname.");
                }
                if (anyNamed) {
                    throw HostingException.validation("When one container of an inference pipeline has a ContainerHostname, every"
                            + " container of the pipeline must have one.");
                }
            } else if (!hostnames.add(c.containerHostname())) {
                throw HostingException.validation("ContainerHostname " + c.containerHostname() + " is used by more than one container.");
            }
        }
    }

    private void check(String account, ContainerDefinition c) {
        if (c.image() == null || c.image().isBlank()) {
            throw HostingException.validation("Image is required for a container definition (model packages are not served).");
        }
        boolean scriptModel = FrameworkImages.isScriptModel(c.image(), c.environment());
        if (FrameworkImages.scriptOnly(c.image()) && !scriptModel) {
            throw HostingException.validation("Image " + c.image() + " is a framework image: its Environment must name the entry point "
                    + "(SAGEMAKER_PROGRAM) and its source directory (SAGEMAKER_SUBMIT_DIRECTORY).");
        }
        if (!scriptModel && !TritonModels.isTriton(c.image()) && h.algorithms.forImage(c.image()).isEmpty()) {
            throw HostingException.validation("Requested image " + c.image() + " not found.");
        }
        if (VariantModels.multiModel(c)) {
            if (c.modelDataUrl() == null) {
                throw HostingException.validation("A container with Mode MultiModel needs a ModelDataUrl: the S3 prefix of its models.");
            }
            S3Location.parse(c.modelDataUrl(), "ModelDataUrl"); // a prefix: its models are read when requests name them
        } else if (c.modelDataUrl() != null) {
            S3Location at = S3Location.parse(c.modelDataUrl(), "ModelDataUrl");
            boolean exists;
            try {
                exists = h.storage.get().headObject(account, at.bucket(), at.key()).isPresent();
            } catch (ObjectStorage.ObjectStorageException e) {
                exists = false;
            }
            if (!exists) {
                throw HostingException.validation("Could not find model data at " + c.modelDataUrl() + ".");
            }
        }
    }

    public DescribeModelResponse describeModel(RequestContext ctx, DescribeModelRequest req) {
        return HostingErrors.call(() -> model(ctx, req.modelName()));
    }

    DescribeModelResponse model(RequestContext ctx, String name) {
        return model(ctx.accountId(), ctx.region(), name);
    }

    DescribeModelResponse model(String account, String region, String name) {
        return h.find(account, region, Hosting.MODEL, name, DescribeModelResponse.class).orElseThrow(() ->
                HostingException.validation("Could not find model \"" + Hosting.arn(region, account, Hosting.MODEL, name) + "\"."));
    }

    public ListModelsResponse listModels(RequestContext ctx, ListModelsRequest req) {
        return HostingErrors.call(() -> {
            List<DescribeModelResponse> all = h.store.list(ctx.accountId(), ctx.region(), Hosting.MODEL).stream()
                    .map(r -> h.docs.read(r.doc(), DescribeModelResponse.class)).toList();
            Listing.Page<DescribeModelResponse> page = LISTING.page(all, req.nameContains(), req.creationTimeBefore(),
                    req.creationTimeAfter(), null, req.sortByAsString(), req.sortOrderAsString(), req.maxResults(), req.nextToken());
            return ListModelsResponse.builder().models(page.items().stream().map(m -> ModelSummary.builder().modelName(m.modelName())
                    .modelArn(m.modelArn()).creationTime(m.creationTime()).build()).toList()).nextToken(page.nextToken()).build();
        });
    }

    public DeleteModelResponse deleteModel(RequestContext ctx, DeleteModelRequest req) {
        return HostingErrors.call(() -> {
            String arn = Hosting.arn(ctx.region(), ctx.accountId(), Hosting.MODEL, req.modelName());
            if (!h.store.delete(ctx.accountId(), ctx.region(), Hosting.MODEL, req.modelName(), arn)) {
                throw HostingException.validation("Could not find model \"" + arn + "\".");
            }
            return DeleteModelResponse.builder().build();
        });
    }
}
