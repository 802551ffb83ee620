package io.haneul.it.sagemaker;

import io.haneul.it.support.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoints outlive the process: an endpoint InService before a restart is InService after it and
 * answers from its stored deployment, even though its model and configuration were deleted meanwhile
 * (as on AWS, an endpoint keeps what it was deployed with).
 */
class SageMakerRestartIT {

    @Test
    void endpointServesAgainAfterRestart() throws Exception {
        Path dataDir;
        TestServer first = TestServer.start();
        dataDir = first.dataDir();
        try (HostingClients c = new HostingClients(first)) {
            String bucket = c.bucket("restart");
            Path dir = Files.createTempDirectory("sm-restart");
            c.xgboostModel("kept", c.upload(bucket, "m/model.tar.gz", XgboostModels.modelTarGz(XgboostModels.separable(500, 5), dir, 10)));
            c.sm.createEndpointConfig(b -> b.endpointConfigName("kept-cfg")
                    .productionVariants(v -> v.variantName("AllTraffic").modelName("kept").instanceType("ml.m5.large").initialInstanceCount(1)));
            c.sm.createEndpoint(b -> b.endpointName("kept").endpointConfigName("kept-cfg"));
            c.waiter.waitUntilEndpointInService(b -> b.endpointName("kept"));
            c.sm.deleteEndpointConfig(b -> b.endpointConfigName("kept-cfg"));
            c.sm.deleteModel(b -> b.modelName("kept"));
        }
        first.close();
        try (TestServer second = TestServer.startIn(dataDir, Clock.systemUTC()); HostingClients c = new HostingClients(second)) {
            assertEquals(EndpointStatus.IN_SERVICE, c.sm.describeEndpoint(b -> b.endpointName("kept")).endpointStatus());
            String answer = c.runtime.invokeEndpoint(b -> b.endpointName("kept").contentType("text/csv")
                    .body(SdkBytes.fromUtf8String("0.95,0.95"))).body().asUtf8String();
            assertTrue(Double.parseDouble(answer.trim()) > 0.5, answer);
        }
    }
}
