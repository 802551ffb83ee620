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
    void providedRunsTheBootstrapAndJavaNeedsAJdk() {
        RuntimeCatalog catalog = new RuntimeCatalog("", null);
        assertEquals(java.util.List.of("/code/bootstrap"), catalog.require("provided.al2023").commandWith(null, Path.of("/code")));
        LambdaException e = assertThrows(LambdaException.class, () -> catalog.require("java21"));
        assertTrue(e.getMessage().contains("java21"));
    }

    Path fakeJdk(String name, String javaVersion, String runtimeVersion, String implementor) throws IOException {
        Path home = dir.resolve("jvm").resolve(name);
        fake(home.resolve("bin"), "java", "unused");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + implementor + "\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion
                + "\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
        return home;
    }

    @Test
    void javaRunsOnTheClosestJdkAtLeastTheDeclaredVersion() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15", "17.0.15+6", "Debian");
        Path jdk25 = fakeJdk("jdk-25", "25.0.3", "25.0.3+9-LTS", "Eclipse Adoptium");
        Path link = dir.resolve("jvm/jdk-17-link");
        Files.createSymbolicLink(link, jdk17);
        RuntimeCatalog catalog = new RuntimeCatalog("", null, java.util.List.of(jdk25, link, jdk17));
        Launch java11 = catalog.require("java11");
        assertEquals(jdk17.toRealPath().resolve("bin/java").toString(), java11.command().getFirst());
        assertEquals("Java 17.0.15+6 (Debian)", java11.realVersion());
        assertEquals("java", catalog.require("java8.al2").family());
        assertEquals(jdk25.toRealPath().resolve("bin/java").toString(), catalog.require("java21").command().getFirst());
        assertEquals("Java 25.0.3+9-LTS (Eclipse Adoptium)", catalog.require("java25").realVersion());
        java.util.List<String> command = catalog.require("java21").command();
        assertEquals(java.util.List.of("-cp", "{bootstrap}", JavaRuntimeJars.MAIN_CLASS, "{handler}"),
                command.subList(command.size() - 4, command.size()));
        assertTrue(command.contains("-XX:TieredStopAtLevel=1"), command.toString());
    }

    @Test
    void javaNewerThanEveryJdkIsRefusedByName() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15", "17.0.15+6", "Debian");
        LambdaException e = assertThrows(LambdaException.class,
                () -> new RuntimeCatalog("", null, java.util.List.of(jdk17)).require("java21"));
        assertEquals("InvalidParameterValueException", e.code());
        assertTrue(e.getMessage().contains("java21"), e.getMessage());
        assertThrows(LambdaException.class, () -> new RuntimeCatalog("", null, java.util.List.of(jdk17)).require("java8"),
                "the retired java8 (Amazon Linux 1) is not one of AWS's runtimes any more");
    }

    @Test
    void memorySizeBoundsTheHeapOfJavaAndNode() {
        java.util.List<String> jvm = MemoryLimits.apply("java", java.util.List.of("/jdk/bin/java", "-cp", "x"), 512);
        assertEquals(java.util.List.of("/jdk/bin/java", "-XX:MaxHeapSize=445644k", "-cp", "x"), jvm);
        assertEquals(java.util.List.of("node", "--max-old-space-size=460", "b.js"),
                MemoryLimits.apply("node", java.util.List.of("node", "b.js"), 512));
        assertEquals(java.util.List.of("python3", "b.py"), MemoryLimits.apply("python", java.util.List.of("python3", "b.py"), 512));
    }

    @Test
    void shimsOnPathAreSkipped() throws Exception {
        Path shims = dir.resolve("pyenv/shims");
        fake(shims, "python3", "Python 3.12.0");
        assertThrows(LambdaException.class, () -> new RuntimeCatalog(shims.toString(), null).require("python3.12"));
    }
}
