package io.haneul.sagemaker.script;

import io.haneul.sagemaker.algorithms.AlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptModelsTest {

    @Test
    void anEntryPointOutsideTheSourceDirectoryIsRefused(@TempDir Path modelDir) throws Exception {
        Files.createDirectories(modelDir.resolve("code"));
        Files.writeString(modelDir.resolve("outside.py"), "print(1)");
        ScriptModels models = new ScriptModels(new PythonFinder("/bin/sh", "", modelDir), Duration.ofSeconds(5),
                () -> "http://localhost:4566", 1000);
        AlgorithmException e = assertThrows(AlgorithmException.class,
                () -> models.load("000000000000", null, modelDir, Map.of("SAGEMAKER_PROGRAM", "../outside.py"), "test"));
        assertTrue(e.getMessage().contains("is not in the source directory"), e.getMessage());
    }
}
