package io.haneul.server.services;

import io.haneul.core.spi.ServiceModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The build's list of service modules matches what ServiceLoader finds, and a stale list is not trusted. */
class ModuleIndexTest {

    private static List<String> names(Iterable<ServiceModule> modules) {
        return StreamSupport.stream(modules.spliterator(), false).map(m -> m.getClass().getName()).sorted().toList();
    }

    @org.junit.jupiter.api.AfterEach
    void listOff() {
        System.clearProperty(ModuleIndex.USE_LIST);
    }

    @Test
    void theBuildListsEveryModuleServiceLoaderFinds() {
        ClassLoader loader = ModuleIndexTest.class.getClassLoader();
        assertNotNull(loader.getResource(ModuleIndex.RESOURCE), "the build (process-classes) writes the list");
        System.setProperty(ModuleIndex.USE_LIST, "true");
        assertEquals(names(ServiceLoader.load(ServiceModule.class, loader)), names(ModuleIndex.load(loader)));
        assertInstanceOf(List.class, ModuleIndex.load(loader), "loaded by name, not searched for");
    }

    @Test
    void withoutTheLauncherSettingModulesAreSearchedFor() {
        // tests and embedders may add modules the build never listed (the it module's FakeModule)
        ClassLoader loader = ModuleIndexTest.class.getClassLoader();
        assertInstanceOf(ServiceLoader.class, ModuleIndex.load(loader));
    }

    @Test
    void aListNamingAMissingClassFallsBackToServiceLoader() throws IOException {
        Path dir = Files.createTempDirectory("module-index");
        Path file = dir.resolve(ModuleIndex.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "io.haneul.nowhere.GoneModule\n", StandardCharsets.UTF_8);
        ClassLoader parent = ModuleIndexTest.class.getClassLoader();
        try (URLClassLoader withStaleList = new URLClassLoader(new URL[]{dir.toUri().toURL()}, parent) {
            @Override
            public URL getResource(String name) {
                URL own = findResource(name); // the stale list first, before the build's
                return own != null ? own : super.getResource(name);
            }

            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                try {
                    URL url = getResource(name);
                    return url == null ? null : url.openStream();
                } catch (IOException e) {
                    return null;
                }
            }
        }) {
            System.setProperty(ModuleIndex.USE_LIST, "true");
            Iterable<ServiceModule> found = ModuleIndex.load(withStaleList);
            assertInstanceOf(ServiceLoader.class, found);
            assertEquals(names(ServiceLoader.load(ServiceModule.class, parent)), names(found));
        }
    }
}
