package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.store.WriteKeyedCache;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The route config cache of HTTP APIs: a config built from a stage read before a write (UpdateStage,
 * CreateDeployment) must not be served once the stage points at another deployment.
 */
class HttpApiConfigKeyTest {

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode stage(String deploymentId, boolean autoDeploy) {
        return json.createObjectNode().put("stageName", "prod").put("deploymentId", deploymentId).put("autoDeploy", autoDeploy);
    }

    @Test
    void keyFollowsTheDeploymentTheStageServes() {
        assertNotEquals(HttpApiPlane.configKey("a1", stage("d1", false)), HttpApiPlane.configKey("a1", stage("d2", false)));
        assertNotEquals(HttpApiPlane.configKey("a1", stage("d1", false)), HttpApiPlane.configKey("a1", stage("d1", true)));
        assertEquals(HttpApiPlane.configKey("a1", stage("d1", true)), HttpApiPlane.configKey("a1", stage("d2", true)));
    }

    /** The race the review found: the stage read at count W, a write commits, the config is built from the old stage. */
    @Test
    void configBuiltFromAStaleStageIsNotServedAfterTheWrite() {
        WriteKeyedCache<String> configs = new WriteKeyedCache<>(16);
        ObjectNode oldStage = stage("d1", false);
        // Request 1 read the stage (d1) before the write, the write commits (count 1 -> 2), then it builds the config.
        configs.get(HttpApiPlane.configKey("a1", oldStage), 2, () -> "routes of d1");
        // Request 2 reads the new stage (d2) at count 2: it must not get d1's routes.
        ObjectNode newStage = stage("d2", false);
        assertEquals("routes of d2", configs.get(HttpApiPlane.configKey("a1", newStage), 2, () -> "routes of d2"));
    }
}
