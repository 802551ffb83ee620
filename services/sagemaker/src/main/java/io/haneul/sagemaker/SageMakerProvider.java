package io.haneul.sagemaker;

import io.haneul.core.engine.ProviderParts;
import io.haneul.sagemaker.training.TrainingJobApi;
import io.haneul.sagemaker.training.TuningJobApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The SageMaker API: operations live in parts by topic; SDK shapes in and out, rules in the services behind them.
 * Components (the training and hosting wirings) are closed with the provider, so a server shutting down
 * stops the jobs and endpoints of this node.
 */
@ProviderParts.Types({TrainingJobApi.class, TuningJobApi.class, io.haneul.sagemaker.hosting.ModelApi.class,
        io.haneul.sagemaker.hosting.EndpointConfigApi.class, io.haneul.sagemaker.hosting.EndpointApi.class,
        io.haneul.sagemaker.hosting.RuntimeApi.class, io.haneul.sagemaker.hosting.TransformApi.class, io.haneul.sagemaker.hosting.TagApi.class,
        io.haneul.sagemaker.hosting.ModelPackageApi.class,
        io.haneul.sagemaker.processing.ProcessingApi.class})
public final class SageMakerProvider implements ProviderParts, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SageMakerProvider.class);

    private final List<Object> parts;
    private final List<Object> components;

    SageMakerProvider(List<Object> parts) {
        this(parts, List.of());
    }

    /** @param components the wirings behind the parts; closed (when AutoCloseable) with the provider and found by {@link #component} */
    SageMakerProvider(List<Object> parts, List<Object> components) {
        this.parts = List.copyOf(parts);
        this.components = List.copyOf(components);
    }

    @Override
    public List<Object> operationParts() {
        return parts;
    }

    /** The component of a type, for the module's internal routes. */
    <T> Optional<T> component(Class<T> type) {
        return components.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public void close() {
        for (Object c : components) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", c.getClass().getSimpleName(), e);
                }
            }
        }
    }
}
