package io.haneul.sagemaker.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Python that runs script-mode jobs and models, as the launcher finds tools: the
 * {@code --sagemaker-python} option when given (a path, or a name looked up on PATH), else a
 * {@code python3.11} under pyenv or on PATH (the version the launcher installs scikit-learn for), else
 * another pyenv 3.x of at least 3.9, else the PATH's {@code python3}. pyenv's shims are skipped: they
 * answer for a version that may not be installed.
 */
public final class PythonFinder {

    private final String configured;
    private final String pathVariable;
    private final Path pyenvRoot;

    public PythonFinder(String configured, String pathVariable, Path pyenvRoot) {
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
        this.pathVariable = pathVariable == null ? "" : pathVariable;
        this.pyenvRoot = pyenvRoot;
    }

    /** The finder of this machine: the option, PATH, and {@code $PYENV_ROOT} (default {@code ~/.pyenv}). */
    public static PythonFinder ofMachine(String configured) {
        String pyenv = System.getenv("PYENV_ROOT");
        Path root = pyenv != null ? Path.of(pyenv) : Path.of(System.getProperty("user.home"), ".pyenv");
        return new PythonFinder(configured, System.getenv("PATH"), root);
    }

    public Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (String d : pathVariable.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && !d.contains("shims")) {
                dirs.add(Path.of(d));
            }
        }
        if (configured != null) {
            Path given = Path.of(configured);
            if (given.isAbsolute() || configured.contains("/")) {
                return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
            }
            return dirs.stream().map(d -> d.resolve(configured)).filter(Files::isExecutable).findFirst();
        }
        List<Path> pyenv = pyenvVersions();
        pyenv.stream().filter(v -> v.getFileName().toString().startsWith("3.11.")).forEach(v -> candidates.add(v.resolve("bin/python3.11")));
        dirs.forEach(d -> candidates.add(d.resolve("python3.11")));
        pyenv.stream().filter(v -> v.getFileName().toString().matches("3\\.(9|\\d\\d)\\..*")).forEach(v -> candidates.add(v.resolve("bin/python3")));
        dirs.forEach(d -> candidates.add(d.resolve("python3")));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private List<Path> pyenvVersions() {
        if (pyenvRoot == null || !Files.isDirectory(pyenvRoot.resolve("versions"))) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(pyenvRoot.resolve("versions"))) {
            return versions.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
