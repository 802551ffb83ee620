package io.haneul.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's cheap paths keep its behaviour: {@code find_jdk} still picks the newest suitable
 * JDK (reading release files, never starting a JVM that has one) and remembers it until the JDKs
 * change, and {@code stale} still sees a changed, added or removed source. The launcher is copied
 * into a fake checkout and sourced by bash with its JDK directory pointed at fake JDKs whose
 * {@code java} records that it was started.
 */
class LauncherFunctionsTest {

    private static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("haneul");
    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Path root;
    Path jvms;
    Path started;

    @BeforeEach
    void checkout() throws IOException {
        root = dir.resolve("checkout");
        jvms = dir.resolve("jvm");
        started = dir.resolve("started.log");
        Files.createDirectories(root.resolve("server/target"));
        Files.copy(LAUNCHER, root.resolve("haneul"));
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("core/pom.xml"), "<project/>");
        write(root.resolve("core/src/main/java/A.java"), "class A {}");
        write(root.resolve("services/sqs/src/main/java/B.java"), "class B {}");
        write(root.resolve("core/src/test/java/ATest.java"), "class ATest {}");
        write(root.resolve("server/target/haneul-server.jar"), "jar");
        try (var files = Files.walk(root)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(BUILT.minusSeconds(60)));
            }
        }
        Files.setLastModifiedTime(root.resolve("server/target/haneul-server.jar"), FileTime.from(BUILT));
        fakeJdk("jdk-17", "17.0.15");
        fakeJdk("jdk-25", "25.0.3");
        fakeJdk("jdk-21", "21.0.4");
    }

    @Test
    void findJdkPicksTheNewestFromReleaseFilesWithoutStartingAJvm() throws Exception {
        assertEquals(jvms.resolve("jdk-25") + " 25", bash("find_jdk; echo \"$JAVA_HOME $JAVA_MAJOR\""));
        assertFalse(Files.exists(started), "a JVM was started although every JDK has a release file");
        assertTrue(Files.readString(root.resolve("server/target/.haneul-jdk")).contains(jvms.resolve("jdk-25").toString()));
    }

    @Test
    void theRememberedJdkIsUsedUntilTheJdksChange() throws Exception {
        bash("find_jdk");
        // a forged cache entry is believed while nothing under the JDKs' directory is newer than it
        Path cache = root.resolve("server/target/.haneul-jdk");
        String forged = Files.readString(cache).replace(jvms.resolve("jdk-25").toString(), jvms.resolve("jdk-21").toString())
                .replace("\n25\n", "\n21\n");
        Files.writeString(cache, forged);
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(jvms.resolve("jdk-21").toString(), bash("find_jdk; echo \"$JAVA_HOME\""));
        // a JDK installed since: the directory is newer than the cache, so the choice is made again
        fakeJdk("jdk-26", "26");
        Files.setLastModifiedTime(jvms, FileTime.from(Instant.now().plusSeconds(120)));
        assertEquals(jvms.resolve("jdk-26").toString(), bash("find_jdk; echo \"$JAVA_HOME\""));
    }

    @Test
    void aJdkWithoutReleaseFileIsAskedForItsVersion() throws Exception {
        Files.delete(jvms.resolve("jdk-25/release"));
        assertEquals(jvms.resolve("jdk-25") + " 25", bash("find_jdk; echo \"$JAVA_HOME $JAVA_MAJOR\""));
        assertTrue(Files.readString(started).contains("jdk-25"));
    }

    @Test
    void staleSeesChangedAddedAndRemovedSourcesOnly() throws Exception {
        assertEquals("fresh", bash("stale && echo stale || echo fresh"));
        Files.setLastModifiedTime(root.resolve("core/src/test/java/ATest.java"), FileTime.from(BUILT.plusSeconds(60)));
        assertEquals("fresh", bash("stale && echo stale || echo fresh"), "a test source is not part of the server");
        Files.setLastModifiedTime(root.resolve("services/sqs/src/main/java/B.java"), FileTime.from(BUILT.plusSeconds(60)));
        assertEquals("stale", bash("stale && echo stale || echo fresh"));
        Files.setLastModifiedTime(root.resolve("services/sqs/src/main/java/B.java"), FileTime.from(BUILT.minusSeconds(60)));
        Files.delete(root.resolve("core/src/main/java/A.java"));   // the directory's mtime moves
        assertEquals("stale", bash("stale && echo stale || echo fresh"));
    }

    @Test
    void staleWhenPomChangedOrNoBuild() throws Exception {
        Files.setLastModifiedTime(root.resolve("core/pom.xml"), FileTime.from(BUILT.plusSeconds(60)));
        assertEquals("stale", bash("stale && echo stale || echo fresh"));
        Files.setLastModifiedTime(root.resolve("core/pom.xml"), FileTime.from(BUILT.minusSeconds(60)));
        Files.delete(root.resolve("server/target/haneul-server.jar"));
        assertEquals("stale", bash("stale && echo stale || echo fresh"));
    }

    @Test
    void runStartsFromTheAotCacheOnlyWhenItIsNewerThanTheBuild() throws Exception {
        write(root.resolve("services/lambda/sdk/install-sdks"), "exit 0");
        write(root.resolve("target/lambda-sdks/.complete"), "");
        write(root.resolve("target/.sagemaker-python"), "");   // scikit-learn checked already: no python started
        Files.setLastModifiedTime(root.resolve("services/lambda/sdk/install-sdks"), FileTime.from(BUILT.minusSeconds(60)));
        String noCache = bash("HANEUL_PRINT_COMMAND=1 run --port 1");
        assertTrue(noCache.contains("-XX:SharedArchiveFile=") && !noCache.contains("AOTCache"), noCache);
        Path aot = root.resolve("server/target/haneul.aot");
        write(aot, "cache");
        Files.setLastModifiedTime(aot, FileTime.from(BUILT.plusSeconds(1)));
        String cached = bash("HANEUL_PRINT_COMMAND=1 run --port 1");
        assertTrue(cached.contains("-XX:AOTCache=" + aot) && !cached.contains("SharedArchiveFile"), cached);
        assertTrue(cached.startsWith(jvms.resolve("jdk-25/bin/java").toString()) && cached.endsWith("--port 1"), cached);
        Files.setLastModifiedTime(aot, FileTime.from(BUILT.minusSeconds(1)));   // a build since: the cache no longer matches
        assertFalse(bash("HANEUL_PRINT_COMMAND=1 run --port 1").contains("AOTCache"));
    }

    private void fakeJdk(String name, String version) throws IOException {
        Path home = jvms.resolve(name);
        write(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        String major = version.split("\\.")[0];
        executable(home.resolve("bin/java"), "#!/bin/sh\necho " + name + " >> '" + started + "'\n"
                + "echo '    java.specification.version = " + major + "' >&2\n");
        executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
    }

    @Test
    void mediaLibsInstallsLibpulseOnlyWhenItIsMissing() throws Exception {
        Path libs = dir.resolve("libs");
        Files.createDirectories(libs);
        Path log = dir.resolve("apt.log");
        executable(tools().resolve("apt-get"), "#!/bin/sh\necho \"$@\" >> " + log + "\n");
        String missing = bash("HANEUL_MEDIA_LIB_DIRS=" + libs + "; MEDIA_LIB_DIRS=" + libs + "; media_libs");
        if ("0".equals(bash("echo $EUID"))) {
            assertTrue(Files.readString(log).contains("install -y -qq --no-install-recommends libpulse0"), missing);
        } else {
            assertTrue(missing.contains("apt-get install -y libpulse0"), missing);
        }
        Files.deleteIfExists(log);
        write(libs.resolve("libpulse.so.0"), "");
        assertEquals("", bash("MEDIA_LIB_DIRS=" + libs + "; media_libs"));
        assertFalse(Files.exists(log), "apt-get ran although libpulse.so.0 is there");
    }

    @Test
    void streamAppsInstallsXvncAndTheAppsOnlyWhenOneIsMissing() throws Exception {
        Path bins = dir.resolve("bins");
        Files.createDirectories(bins);
        Path log = dir.resolve("apt-stream.log");
        executable(tools().resolve("apt-get"), "#!/bin/sh\necho \"$@\" >> " + log + "\n");
        for (String b : List.of("Xvnc", "xterm", "xclock")) {
            executable(bins.resolve(b), "#!/bin/sh\n");
        }
        String missing = bash("STREAM_BIN_DIR=" + bins + "; stream_apps");
        String packages = "tigervnc-standalone-server matchbox-window-manager xterm x11-apps";
        if ("0".equals(bash("echo $EUID"))) {
            assertTrue(Files.readString(log).contains("install -y -qq --no-install-recommends " + packages), missing);
        } else {
            assertTrue(missing.contains("apt-get install -y " + packages), missing);
        }
        Files.deleteIfExists(log);
        executable(bins.resolve("matchbox-window-manager"), "#!/bin/sh\n");
        assertEquals("", bash("STREAM_BIN_DIR=" + bins + "; stream_apps"));
        assertFalse(Files.exists(log), "apt-get ran although everything is there");
    }

    private String bash(String commands) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source \"$1\"; " + commands, "test", root.resolve("haneul").toString())
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", tools().toString());
        pb.environment().put("HANEUL_JVM_DIRS", jvms.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** A PATH with the tools the launcher uses and no java, so that the machine's own JDKs stay out of the choice. */
    private Path tools() throws IOException {
        Path tools = dir.resolve("tools");
        if (!Files.isDirectory(tools)) {
            Files.createDirectories(tools);
            for (String tool : new String[]{"awk", "cut", "mkdir", "dirname", "readlink", "sed", "cat"}) {
                for (String bin : new String[]{"/usr/bin/", "/bin/"}) {
                    if (Files.isExecutable(Path.of(bin + tool))) {
                        Files.copy(Path.of(bin + tool), tools.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                        break;
                    }
                }
            }
        }
        return tools;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void executable(Path file, String text) throws IOException {
        write(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
