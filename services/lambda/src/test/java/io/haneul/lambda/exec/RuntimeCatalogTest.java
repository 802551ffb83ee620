package io.haneul.lambda.exec;

import io.haneul.lambda.domain.LambdaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime mapping, on fake interpreters that only answer {@code --version}. */
class RuntimeCatalogTest {

    @TempDir
    Path dir;

    Path fake(Path where, String name, String versionLine) throws IOException {
        Files.createDirectories(where);
        Path file = where.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho '" + versionLine + "'\n");
        assertTrue(file.toFile().setExecutable(true));
        return file;
    }

    @Test
    void pythonPrefersTheExactPyenvVersionThenPathPython3() throws Exception {
        Path bin = dir.resolve("bin");
        fake(bin, "python3", "Python 3.11.4");
        Path pyenv = dir.resolve("pyenv");
        Path exact = fake(pyenv.resolve("versions/3.13.1/bin"), "python3.13", "Python 3.13.1");
        RuntimeCatalog catalog = new RuntimeCatalog(bin.toString(), pyenv);
        assertEquals(exact.toString(), catalog.require("python3.13").command().getFirst());
        assertEquals(bin.resolve("python3").toString(), catalog.require("python3.12").command().getFirst());
        assertEquals("Python 3.11.4", catalog.require("python3.12").realVersion());
    }

    @Test
    void pythonOlderThan311IsNotEnough() throws Exception {
        Path bin = dir.resolve("bin");
        fake(bin, "python3", "Python 3.10.2");
        LambdaException e = assertThrows(LambdaException.class, () -> new RuntimeCatalog(bin.toString(), null).require("python3.12"));
        assertEquals("InvalidParameterValueException", e.code());
        assertTrue(e.getMessage().contains("python3.12"));
    }

    @Test
    void nodeNeeds18AndServesEveryNodejsRuntime() throws Exception {
        Path bin = dir.resolve("bin");
        fake(bin, "node", "v20.11.0");
        RuntimeCatalog catalog = new RuntimeCatalog(bin.toString(), null);
        assertEquals("node", catalog.require("nodejs18.x").family());
        assertEquals("node", catalog.require("nodejs22.x").family());
        Path old = dir.resolve("old");
        fake(old, "node", "v16.20.0");
        assertThrows(LambdaException.class, () -> new RuntimeCatalog(old.toString(), null).require("nodejs20.x"));
    }

    @Test
    void providedRunsTheBootstrapAndJavaIsNotHereYet() {
        RuntimeCatalog catalog = new RuntimeCatalog("", null);
        assertEquals(java.util.List.of("/code/bootstrap"), catalog.require("provided.al2023").commandWith(null, Path.of("/code")));
        LambdaException e = assertThrows(LambdaException.class, () -> catalog.require("java21"));
        assertTrue(e.getMessage().contains("java21"));
    }

    @Test
    void shimsOnPathAreSkipped() throws Exception {
        Path shims = dir.resolve("pyenv/shims");
        fake(shims, "python3", "Python 3.12.0");
        assertThrows(LambdaException.class, () -> new RuntimeCatalog(shims.toString(), null).require("python3.12"));
    }
}
