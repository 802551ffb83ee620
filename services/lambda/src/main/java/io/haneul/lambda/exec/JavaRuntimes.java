package io.haneul.lambda.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Picks the JDK a {@code javaN} function runs on: among the machine's JDKs, the one of the lowest
 * major version that is at least N (a newer JVM runs older class files; the closest one keeps the
 * APIs the code was written against). A JDK is a directory with {@code bin/java} and a
 * {@code release} file, whose {@code JAVA_RUNTIME_VERSION}/{@code JAVA_VERSION} and
 * {@code IMPLEMENTOR} are the real version reported in the function's {@code INIT_START} line.
 *
 * <p>The command is AWS's Java runtime bootstrap's, less what only AWS has (its log4j hot patch
 * agent, SnapStart): serial GC, class data sharing, C1 only ({@code -XX:TieredStopAtLevel=1}, for
 * a fast cold start), fatal error reports on stderr (not as {@code hs_err} files in the code
 * directory), and AWS's runtime interface client as the main class with the handler as its
 * argument. The heap bound is added per function from its MemorySize ({@link MemoryLimits}).
 */
final class JavaRuntimes {

    private static final Pattern RELEASE_LINE = Pattern.compile("^([A-Z_]+)=\"?(.*?)\"?$");

    private JavaRuntimes() {
    }

    static Optional<Launch> find(List<Path> homes, int minMajor) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Jdk> jdks = new ArrayList<>();
        for (Path home : homes) {
            Path real;
            try {
                real = home.toRealPath();
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (seen.add(real) && Files.isExecutable(real.resolve("bin/java"))) {
                jdk(real).ifPresent(jdks::add);
            }
        }
        return jdks.stream().filter(j -> j.major() >= minMajor).min(Comparator.comparingInt(Jdk::major)).map(JavaRuntimes::launch);
    }

    private record Jdk(Path home, int major, String version) {
    }

    private static Optional<Jdk> jdk(Path home) {
        Map<String, String> release;
        try {
            release = Files.readAllLines(home.resolve("release")).stream()
                    .map(RELEASE_LINE::matcher).filter(Matcher::matches)
                    .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> a));
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = release.get("JAVA_VERSION");
        if (version == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(version);
        if (!m.find()) {
            return Optional.empty();
        }
        String shown = "Java " + release.getOrDefault("JAVA_RUNTIME_VERSION", version)
                + (release.containsKey("IMPLEMENTOR") ? " (" + release.get("IMPLEMENTOR") + ")" : "");
        return Optional.of(new Jdk(home, Integer.parseInt(m.group(1)), shown));
    }

    private static Launch launch(Jdk jdk) {
        List<String> command = new ArrayList<>(List.of(jdk.home().resolve("bin/java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        if (jdk.major() >= 11) {
            command.addAll(List.of("-XX:+ErrorFileToStderr", "--add-opens=java.base/java.io=ALL-UNNAMED"));
        }
        if (jdk.major() >= 22) { // the client loads its JNI library: say so, rather than print a warning into the function's log
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", "{bootstrap}", JavaRuntimeJars.MAIN_CLASS, "{handler}"));
        return new Launch("java", List.copyOf(command), JavaRuntimeJars.RESOURCE_DIR, jdk.version());
    }

    /** The command with {@code entries} appended to its {@code -cp} value (the runtime client's jars stay first). */
    static List<String> withClasspath(List<String> command, String entries) {
        List<String> out = new java.util.ArrayList<>(command);
        int cp = out.indexOf("-cp");
        if (cp >= 0 && cp + 1 < out.size()) {
            out.set(cp + 1, out.get(cp + 1) + java.io.File.pathSeparator + entries);
        }
        return out;
    }
}
