package io.haneul.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class names of one SDK model package, looked up case-insensitively. The SDK renames
 * operations and shapes ({@code GetSMSAttributes} becomes {@code GetSmsAttributesRequest}), so the
 * model's names are matched ignoring case rather than by re-implementing the SDK's naming rules.
 */
public final class SdkClassIndex {

    private final String packageName;
    private final Map<String, String> byLowerSimpleName;
    private final ClassLoader loader;

    private SdkClassIndex(String packageName, Map<String, String> byLowerSimpleName, ClassLoader loader) {
        this.packageName = packageName;
        this.byLowerSimpleName = byLowerSimpleName;
        this.loader = loader;
    }

    /** Lists the package's top-level classes; empty when the SDK module is not on the classpath. */
    public static SdkClassIndex of(String packageName, ClassLoader loader) {
        Map<String, String> names = new HashMap<>();
        String dir = packageName.replace('.', '/') + "/";
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                URLConnection c = url.openConnection();
                if (c instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    try (JarFile jf = jar.getJarFile()) {
                        for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                            String n = e.nextElement().getName();
                            if (n.startsWith(dir) && n.endsWith(".class") && n.indexOf('/', dir.length()) < 0 && n.indexOf('$') < 0) {
                                add(names, n.substring(dir.length(), n.length() - 6));
                            }
                        }
                    }
                } else if ("file".equals(url.getProtocol())) {
                    Path p = Paths.get(url.toURI());
                    try (Stream<Path> files = Files.list(p)) {
                        files.map(f -> f.getFileName().toString())
                                .filter(n -> n.endsWith(".class") && n.indexOf('$') < 0)
                                .forEach(n -> add(names, n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new SdkClassIndex(packageName, Map.copyOf(names), loader);
    }

    private static void add(Map<String, String> names, String simple) {
        names.put(simple.toLowerCase(Locale.ROOT), simple);
    }

    public boolean isEmpty() {
        return byLowerSimpleName.isEmpty();
    }

    /** The class whose simple name equals {@code simpleName} ignoring case. */
    public Optional<Class<?>> find(String simpleName) {
        String exact = byLowerSimpleName.get(simpleName.toLowerCase(Locale.ROOT).replace("_", ""));
        if (exact == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(packageName + "." + exact, false, loader));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The exception class of an error shape: the shape name, with "Exception" appended if it lacks it. */
    public Optional<Class<?>> findException(String shapeName) {
        String base = shapeName.endsWith("Exception") ? shapeName : shapeName + "Exception";
        Optional<Class<?>> fault = shapeName.endsWith("Fault")
                ? find(shapeName.substring(0, shapeName.length() - 5) + "Exception") : Optional.empty();
        return find(base).or(() -> fault).or(() -> find(shapeName));
    }
}
