package io.haneul.sagemaker.script;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptPredictorTest {

    @Test
    void aWorkerThatNeverLoadsTheModelIsEndedAfterTheStartUpTimeout(@TempDir Path dir) {
        AlgorithmException e = assertThrows(AlgorithmException.class, () -> ScriptPredictor.start(
                List.of("/bin/sh", "-c", "sleep 600"), dir, Map.of(), "test", Duration.ofSeconds(60), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not load the model within"), e.getMessage());
    }
}
