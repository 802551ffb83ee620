package io.haneul.sagemaker.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ScriptProcessTest {

    @Test
    void theServersCredentialsAndSettingsDoNotReachTheScript() {
        Map<String, String> host = Map.of("PATH", "/usr/bin", "HOME", "/home/h", "AWS_SECRET_ACCESS_KEY", "real",
                "AWS_PROFILE", "prod", "HANEUL_PORT", "4566", "JAVA_TOOL_OPTIONS", "-Xmx1g", "OTHER", "x");
        Map<String, String> env = ScriptProcess.environment(host, Map.of("SM_MODEL_DIR", "/m", "AWS_ENDPOINT_URL", "http://h:1"));
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/h", "SM_MODEL_DIR", "/m", "AWS_ENDPOINT_URL", "http://h:1"), env);
        assertFalse(env.containsKey("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void childrenLeftInTheBackgroundEndWithTheScript(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ScriptProcess.Result result = ScriptProcess.run(List.of("/bin/sh", "-c", "sleep 120 & echo $!"), dir, Map.of(), lines::add,
                () -> false);
        assertEquals(0, result.exitCode());
        long child = Long.parseLong(lines.getFirst().strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        if (handle.isPresent()) {
            handle.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aScriptsSdkIsPointedAtThisServer() {
        Map<String, String> aws = ScriptProcess.awsVariables("http://127.0.0.1:4566", "eu-west-1", "000000000000");
        assertEquals("http://127.0.0.1:4566", aws.get("AWS_ENDPOINT_URL"));
        assertEquals("eu-west-1", aws.get("AWS_REGION"));
        assertEquals("000000000000", aws.get("AWS_ACCESS_KEY_ID"));
    }
}
