package io.haneul.lambda.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * AWS's Java runtime interface client and the jars it needs, as the module's build copied them into
 * its resources (services/lambda/pom.xml, {@code java-runtime-jars}). They are written out once per
 * server start under the runtime directory and make the classpath of {@code java*} function
 * processes; Haneul's own classpath never holds them. The function's code is not on that classpath:
 * the client loads it from its working directory (the task root: classes and {@code lib/*.jar}), as
 * on AWS.
 */
public final class JavaRuntimeJars {

    /** The resource folder: names written by the build with their versions stripped. */
    public static final String RESOURCE_DIR = "/io/haneul/lambda/java-runtime/";

    static final List<String> NAMES = List.of("aws-lambda-java-runtime-interface-client.jar", "aws-lambda-java-core.jar",
            "aws-lambda-java-serialization.jar", "utils-lite.jar");

    /** The client's entry point: {@code main(handler)}. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private JavaRuntimeJars() {
    }

    /**
     * Writes the jars into {@code dir} (replacing older copies) and answers the classpath entry that
     * names them all ({@code dir/*}, which {@code java -cp} expands).
     */
    static Path install(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : NAMES) {
                try (InputStream in = JavaRuntimeJars.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IllegalStateException("the Lambda module was built without its Java runtime jar " + name);
                    }
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir.resolve("*");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
