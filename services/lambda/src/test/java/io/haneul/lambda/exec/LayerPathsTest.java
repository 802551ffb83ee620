package io.haneul.lambda.exec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayerPathsTest {

    static final Path OPT = Path.of("/data/opt/x");

    @Test
    void pythonGetsSitePackagesOfTheDeclaredVersionThenPython() {
        Map<String, String> env = LayerPaths.environment(OPT, "python3.12", Map.of("PATH", "/usr/bin"));
        assertEquals("/data/opt/x/python/lib/python3.12/site-packages:/data/opt/x/python", env.get("PYTHONPATH"));
        assertEquals("/data/opt/x/bin:/usr/bin", env.get("PATH"));
        assertEquals("/data/opt/x/lib", env.get("LD_LIBRARY_PATH"));
        assertEquals("/data/opt/x/java/lib/*", env.get("CLASSPATH"));
    }

    @Test
    void nodeGetsItsVersionsNodeModulesFirst() {
        Map<String, String> env = LayerPaths.environment(OPT, "nodejs20.x", Map.of("NODE_PATH", "/own"));
        assertEquals("/data/opt/x/nodejs/node20/node_modules:/data/opt/x/nodejs/node_modules:/own", env.get("NODE_PATH"));
    }
}
