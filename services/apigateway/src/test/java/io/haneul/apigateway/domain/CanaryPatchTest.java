package io.haneul.apigateway.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** UpdateStage's canary paths and AWS's promotion by copy. */
class CanaryPatchTest {

    static ObjectNode stage() throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"deploymentId":"d1","variables":{"color":"blue","size":"s"},
                 "canarySettings":{"deploymentId":"d2","percentTraffic":10.0,"stageVariableOverrides":{"color":"green"}}}""");
    }

    @Test
    void canaryPathsAreAppliedAndOthersHandedOn() throws Exception {
        ObjectNode s = stage();
        List<PatchApplier.Operation> rest = CanaryPatch.apply(s, List.of(
                new PatchApplier.Operation("replace", "/canarySettings/percentTraffic", "25.5"),
                new PatchApplier.Operation("replace", "/canarySettings/stageVariableOverrides/size", "xl"),
                new PatchApplier.Operation("replace", "/canarySettings/useStageCache", "true"),
                new PatchApplier.Operation("replace", "/description", "x")));
        assertEquals(List.of(new PatchApplier.Operation("replace", "/description", "x")), rest);
        assertEquals(25.5, s.path("canarySettings").path("percentTraffic").asDouble());
        assertEquals("xl", s.path("canarySettings").path("stageVariableOverrides").path("size").asText());
        assertEquals(true, s.path("canarySettings").path("useStageCache").asBoolean());
        assertThrows(ApiGatewayException.class, () -> CanaryPatch.apply(stage(),
                List.of(new PatchApplier.Operation("replace", "/canarySettings/percentTraffic", "101"))));
    }

    @Test
    void promotionCopiesTheCanaryAndRemovesIt() throws Exception {
        ObjectNode s = stage();
        CanaryPatch.apply(s, List.of(
                new PatchApplier.Operation("copy", "/variables", null, "/canarySettings/stageVariableOverrides"),
                new PatchApplier.Operation("copy", "/deploymentId", null, "/canarySettings/deploymentId"),
                new PatchApplier.Operation("remove", "/canarySettings", null)));
        assertEquals("d2", s.path("deploymentId").asText());
        assertEquals("green", s.path("variables").path("color").asText());
        assertEquals("s", s.path("variables").path("size").asText());
        assertFalse(s.has("canarySettings"));
        assertThrows(ApiGatewayException.class, () -> CanaryPatch.apply(stage(),
                List.of(new PatchApplier.Operation("copy", "/description", null, "/canarySettings/deploymentId"))));
    }
}
