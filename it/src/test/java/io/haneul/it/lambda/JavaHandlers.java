package io.haneul.it.lambda;

import software.amazon.awssdk.core.SdkBytes;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Java handlers compiled at test time with {@code javax.tools} against aws-lambda-java-core (the
 * copy the Lambda module's build put in its resources), packed the three ways AWS takes Java code:
 * classes at the zip's root, a zip of {@code lib/*.jar}, or a jar uploaded as it is.
 */
public final class JavaHandlers {

    private JavaHandlers() {
    }

    /** Compiles {@code sources} (class name -> source) for Java 11 and answers the class files by their path in a zip. */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        try {
            Path work = Files.createTempDirectory("java-handlers");
            Path core = work.resolve("aws-lambda-java-core.jar");
            try (InputStream in = JavaHandlers.class.getResourceAsStream("/io/haneul/lambda/java-runtime/aws-lambda-java-core.jar")) {
                if (in == null) {
                    throw new IllegalStateException("aws-lambda-java-core.jar is not in the Lambda module's resources");
                }
                Files.copy(in, core);
            }
            Path out = Files.createDirectories(work.resolve("classes"));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                }
            }));
            try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
                files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
                files.setLocation(StandardLocation.CLASS_PATH, List.of(core.toFile()));
                if (!compiler.getTask(null, files, null, List.of("--release", "11"), null, units).call()) {
                    throw new IllegalStateException("the test's handler sources did not compile");
                }
            }
            Map<String, byte[]> classes = new java.util.TreeMap<>();
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    classes.put(out.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Classes at the zip's root. */
    public static SdkBytes classesAtRoot(Map<String, String> sources) {
        return SdkBytes.fromByteArray(zip(compile(sources)));
    }

    /** The classes in {@code lib/handlers.jar} inside the zip. */
    static SdkBytes jarInLib(Map<String, String> sources) {
        return SdkBytes.fromByteArray(zip(Map.of("lib/handlers.jar", zip(compile(sources)))));
    }
}
