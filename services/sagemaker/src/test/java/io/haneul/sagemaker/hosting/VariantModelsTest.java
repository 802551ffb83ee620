package io.haneul.sagemaker.hosting;

import io.haneul.sagemaker.algorithms.Predictor;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a multi-model container's cache setting reaches the variant: Disabled loads the model for each request. */
class VariantModelsTest {

    private final List<String> loadedUrls = new ArrayList<>();

    private VariantModel multiModel(String cacheSetting) throws ModelArtifacts.LoadFailure {
        VariantModels variants = new VariantModels((account, container) -> {
            synchronized (loadedUrls) {
                loadedUrls.add(container.modelDataUrl());
            }
            return new Predictor() {
                @Override
                public Prediction predict(byte[] body, String contentType, String accept) {
                    return new Prediction(new byte[0], "text/plain");
                }
            };
        }, new VariantModels.MultiModelLimits(16, 4, Duration.ofMinutes(10)));
        ContainerDefinition container = ContainerDefinition.builder().image("xgboost").mode("MultiModel").modelDataUrl("s3://bucket/models/")
                .multiModelConfig(m -> m.modelCacheSetting(cacheSetting)).build();
        return variants.load("000000000000", DescribeModelResponse.builder().modelName("mme").primaryContainer(container).build());
    }

    private static void ask(VariantModel model, String targetModel) throws Exception {
        try (VariantModel.Lease lease = model.lease("ep", new Target(null, targetModel, null))) {
            lease.predictor().predict(new byte[0], "text/csv", null);
        }
    }

    @Test
    void withTheCacheDisabledEachRequestLoadsTheModel() throws Exception {
        VariantModel model = multiModel("Disabled");
        ask(model, "a.tar.gz");
        ask(model, "a.tar.gz");
        assertEquals(List.of("s3://bucket/models/a.tar.gz", "s3://bucket/models/a.tar.gz"), loadedUrls);
    }

    @Test
    void withTheCacheEnabledTheModelIsLoadedOnce() throws Exception {
        VariantModel model = multiModel("Enabled");
        ask(model, "a.tar.gz");
        ask(model, "/a.tar.gz");
        assertEquals(List.of("s3://bucket/models/a.tar.gz"), loadedUrls);
    }
}
