package io.haneul.lambda.exec;

import io.haneul.lambda.domain.LambdaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps AWS's runtime identifiers onto the interpreters this machine has. {@code python3.N} runs on
 * a {@code python3.N} found under pyenv or on PATH, else on the PATH's {@code python3} when it is
 * 3.11 or newer; {@code nodejsNN.x} on the PATH's {@code node} when it is 18 or newer;
 * {@code javaN} on the machine's JDK of the lowest major version at least N ({@link JavaRuntimes});
 * {@code provided.al2023}/{@code provided.al2} on the zip's own {@code bootstrap}. A family the
 * machine lacks is refused at CreateFunction, naming the runtime.
 * Probes are cached per catalog: an interpreter is asked its version once.
 */
public final class RuntimeCatalog {

    private static final Pattern PYTHON = Pattern.compile("python3\\.(\\d+)");
    private static final Pattern NODE = Pattern.compile("nodejs(\\d+)\\.x");
    /** AWS's Java runtime ids: java8.al2, java11, java17, java21, java25. */
    private static final Pattern JAVA = Pattern.compile("java(8\\.al2|11|17|21|25)");

    private final List<Path> pathDirs;
    private final Path pyenvRoot;
    private final List<Path> jdkHomes;
    private final Map<String, Optional<Launch>> resolved = new ConcurrentHashMap<>();

    public RuntimeCatalog(String pathVariable, Path pyenvRoot) {
        this(pathVariable, pyenvRoot, List.of());
    }

    /**
     * @param jdkHomes where to look for JDKs (the server's own {@code java.home}, {@code JAVA_HOME},
     *                 each directory under {@code /usr/lib/jvm}); one seen twice through links counts once
     */
    public RuntimeCatalog(String pathVariable, Path pyenvRoot, List<Path> jdkHomes) {
        this.jdkHomes = List.copyOf(jdkHomes);
        List<Path> dirs = new ArrayList<>();
        for (String d : pathVariable == null ? new String[0] : pathVariable.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && !d.contains("shims")) {
                dirs.add(Path.of(d));
            }
        }
        this.pathDirs = List.copyOf(dirs);
        this.pyenvRoot = pyenvRoot;
    }

    /** The launch of {@code runtime}, or AWS's InvalidParameterValueException naming it when the machine cannot run it. */
    public Launch require(String runtime) {
        return find(runtime).orElseThrow(() -> LambdaException.invalidParameter("The runtime parameter of " + runtime
                + " is not supported by this Haneul server: no interpreter for it was found on the machine "
                + "(python3 >= 3.11 for python3.x, node >= 18 for nodejs, a JDK of at least the declared version for java, "
                + "a bootstrap file for provided runtimes)"));
    }

    public Optional<Launch> find(String runtime) {
        if (runtime == null) {
            return Optional.empty();
        }
        return resolved.computeIfAbsent(runtime, this::resolve);
    }

    private Optional<Launch> resolve(String runtime) {
        Matcher py = PYTHON.matcher(runtime);
        if (py.matches()) {
            return python(Integer.parseInt(py.group(1)));
        }
        Matcher node = NODE.matcher(runtime);
        if (node.matches()) {
            return node();
        }
        Matcher java = JAVA.matcher(runtime);
        if (java.matches()) {
            return JavaRuntimes.find(jdkHomes, Integer.parseInt(java.group(1).replace(".al2", "")));
        }
        if (runtime.equals("provided.al2023") || runtime.equals("provided.al2") || runtime.equals("provided")) {
            return Optional.of(new Launch("provided", List.of("{task}/bootstrap"), null, "provided (the function's bootstrap)"));
        }
        return Optional.empty();
    }

    private Optional<Launch> python(int minor) {
        List<Path> candidates = new ArrayList<>();
        if (pyenvRoot != null && Files.isDirectory(pyenvRoot.resolve("versions"))) {
            try (var versions = Files.list(pyenvRoot.resolve("versions"))) {
                versions.filter(v -> v.getFileName().toString().startsWith("3." + minor + "."))
                        .sorted(java.util.Comparator.reverseOrder())
                        .forEach(v -> candidates.add(v.resolve("bin").resolve("python3." + minor)));
            } catch (IOException ignored) {
                // no pyenv versions readable: fall back to PATH
            }
        }
        pathDirs.forEach(d -> candidates.add(d.resolve("python3." + minor)));
        pathDirs.forEach(d -> candidates.add(d.resolve("python3")));
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Optional<String> version = probe(candidate, "--version");
            Optional<int[]> parsed = version.flatMap(v -> numbers(v, "Python (\\d+)\\.(\\d+)"));
            if (parsed.isPresent() && parsed.get()[0] == 3 && parsed.get()[1] >= 11) {
                return Optional.of(new Launch("python", List.of(candidate.toString(), "-u", "{bootstrap}"),
                        "/io/haneul/lambda/bootstrap/python_bootstrap.py", version.get().trim()));
            }
        }
        return Optional.empty();
    }

    private Optional<Launch> node() {
        for (Path dir : pathDirs) {
            Path candidate = dir.resolve("node");
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Optional<String> version = probe(candidate, "--version");
            Optional<int[]> parsed = version.flatMap(v -> numbers(v, "v(\\d+)\\.(\\d+)"));
            if (parsed.isPresent() && parsed.get()[0] >= 18) {
                return Optional.of(new Launch("node", List.of(candidate.toString(), "{bootstrap}"),
                        "/io/haneul/lambda/bootstrap/node_bootstrap.js", "Node.js " + version.get().trim()));
            }
        }
        return Optional.empty();
    }

    private static Optional<int[]> numbers(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Optional.of(new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}) : Optional.empty();
    }

    private static Optional<String> probe(Path executable, String arg) {
        try {
            Process p = new ProcessBuilder(executable.toString(), arg).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(200);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, java.nio.charset.StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
