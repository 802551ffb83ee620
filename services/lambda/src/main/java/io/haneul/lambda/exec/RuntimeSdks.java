package io.haneul.lambda.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The AWS SDKs that AWS's runtimes include, made importable inside functions as on AWS: boto3 in
 * Python functions, the AWS SDK for JavaScript v3 in Node functions. They are not Haneul's to ship:
 * the project's setup ({@code services/lambda/sdk/install-sdks}, run by {@code ./haneul}) installs
 * them from the package registries into a directory ({@code --lambda-sdk-dir}) with
 * {@code python/} (a pip {@code --target}) and {@code node/node_modules/}. They come after the
 * function's own code and layers, so a function that bundles its own SDK uses its own, as on AWS
 * (where they sit in {@code /var/runtime}, late on the search path).
 */
public final class RuntimeSdks {

    private final Path root;

    /** @param root the SDK directory, or null when this server has none (functions then import what their interpreter has) */
    public RuntimeSdks(Path root) {
        this.root = root;
    }

    /** Adds the SDK directory of {@code family}'s language to the process's module search path. */
    void addTo(String family, Map<String, String> env) {
        if (root == null) {
            return;
        }
        switch (family) {
            case "python" -> append(env, "PYTHONPATH", root.resolve("python"));
            case "node" -> append(env, "NODE_PATH", root.resolve("node").resolve("node_modules"));
            default -> {
                // Java functions bundle their SDK in their jar, as on AWS; provided runtimes bring everything
            }
        }
    }

    /**
     * Makes the Node SDK visible to ES modules too: {@code import} ignores {@code NODE_PATH} and looks
     * only in {@code node_modules} folders above the importing file, so a link
     * {@code <code root>/node_modules} -> the SDK's {@code node_modules} serves every function's code
     * (unpacked below the code root), after the function's own {@code node_modules}. A folder already
     * there is left alone.
     */
    public void linkForModules(Path codeRoot) {
        if (root == null) {
            return;
        }
        Path target = root.resolve("node").resolve("node_modules");
        Path link = codeRoot.resolve("node_modules");
        try {
            if (!Files.isDirectory(target)) {
                return;
            }
            Files.createDirectories(codeRoot);
            if (Files.isSymbolicLink(link)) {
                if (Files.readSymbolicLink(link).equals(target)) {
                    return;
                }
                Files.delete(link);
            } else if (Files.exists(link)) {
                return;
            }
            Files.createSymbolicLink(link, target);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // without the link, require() still finds the SDK through NODE_PATH; only import does not
        }
    }

    private static void append(Map<String, String> env, String variable, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String current = env.get(variable);
        env.put(variable, current == null || current.isEmpty() ? dir.toString() : current + File.pathSeparator + dir);
    }
}
