package io.haneul.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services call each other only through the internal APIs in {@code core/spi} (looked up with
 * {@code ServiceEnvironment.find}), never by depending on or importing another service module.
 * Fails when a service's pom depends on another Haneul module than core and storage, or when its
 * sources name another service's package.
 */
class ModuleBoundariesTest {

    private static final Pattern HANEUL_ARTIFACT = Pattern.compile("<artifactId>(haneul-[a-z0-9-]+)</artifactId>");

    static List<Path> serviceModules() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("../services"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    @Test
    void servicesDependOnCoreAndStorageOnly() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> modules = serviceModules();
        assertTrue(modules.size() >= 5, "service modules under ../services: " + modules);
        for (Path module : modules) {
            String pom = Files.readString(module.resolve("pom.xml"));
            String dependencies = pom.contains("<dependencies>") ? pom.substring(pom.indexOf("<dependencies>")) : "";
            Matcher m = HANEUL_ARTIFACT.matcher(dependencies);
            while (m.find()) {
                if (!List.of("haneul-core", "haneul-storage").contains(m.group(1))) {
                    problems.add(module.getFileName() + " depends on " + m.group(1));
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "use an exported interface in core/spi instead:\n" + String.join("\n", problems));
    }

    @Test
    void servicesNameNoOtherServicesPackage() throws IOException {
        List<Path> modules = serviceModules();
        List<String> packages = modules.stream().map(m -> "io.haneul." + m.getFileName() + ".").toList();
        List<String> problems = new ArrayList<>();
        for (Path module : modules) {
            String own = "io.haneul." + module.getFileName() + ".";
            try (Stream<Path> files = Files.walk(module.resolve("src"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    for (String other : packages) {
                        if (!other.equals(own) && source.contains(other)) {
                            problems.add(file + " names " + other);
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "use an exported interface in core/spi instead:\n" + String.join("\n", problems));
    }
}
