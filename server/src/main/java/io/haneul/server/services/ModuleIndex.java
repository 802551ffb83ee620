package io.haneul.server.services;

import io.haneul.core.spi.ServiceModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The service modules on the server's class path, listed once at build time in {@link #RESOURCE} (server's
 * pom, {@code process-classes}) so that a starting server loads them by name. Finding them through
 * {@link ServiceLoader} at every start means looking for the services file in every jar of the class path,
 * which opens all of them (over 160, ~200 ms of a start on a small machine); the list sits in the server
 * jar, the first one searched. The list is used only where {@link #USE_LIST} is set (the launcher's JVM,
 * through {@code Main}), because it cannot know modules added to the class path after the build (tests'
 * own modules, a user's extra jar); everywhere else, and when the list is missing or names a class that
 * is not on the class path, the modules are found through {@link ServiceLoader}.
 */
public final class ModuleIndex {

    /** One module class name per line. */
    public static final String RESOURCE = "META-INF/haneul/service-modules.txt";
    /** System property that lets a JVM whose class path is the build's (the server jar's) trust the list. */
    public static final String USE_LIST = "haneul.module-list";

    private ModuleIndex() {
    }

    /** The modules the build listed (where {@link #USE_LIST} is set), else those {@link ServiceLoader} finds. */
    public static Iterable<ServiceModule> load(ClassLoader loader) {
        List<String> names = Boolean.getBoolean(USE_LIST) ? listed(loader) : List.of();
        if (names.isEmpty()) {
            return ServiceLoader.load(ServiceModule.class, loader);
        }
        List<ServiceModule> modules = new ArrayList<>();
        for (String name : names) {
            try {
                modules.add(Class.forName(name, true, loader).asSubclass(ServiceModule.class).getDeclaredConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                return ServiceLoader.load(ServiceModule.class, loader);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create service module " + name, e);
            }
        }
        return modules;
    }

    private static List<String> listed(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Build step: writes the list of the modules {@link ServiceLoader} finds on the build's class path. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModuleIndex <classes directory>");
        }
        StringBuilder out = new StringBuilder();
        for (ServiceModule module : ServiceLoader.load(ServiceModule.class, ModuleIndex.class.getClassLoader())) {
            out.append(module.getClass().getName()).append('\n');
        }
        Path file = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }
}
