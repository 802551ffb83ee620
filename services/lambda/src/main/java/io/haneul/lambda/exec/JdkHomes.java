package io.haneul.lambda.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where this machine's JDKs are: the server's own, {@code JAVA_HOME}'s, and each one under {@code /usr/lib/jvm}. */
public final class JdkHomes {

    private JdkHomes() {
    }

    public static List<Path> onThisMachine() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(Path.of(javaHome));
        }
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> list = Files.list(jvm)) {
                list.sorted().forEach(homes::add);
            } catch (IOException ignored) {
                // unreadable: the server's own JDK is still there
            }
        }
        return homes;
    }
}
