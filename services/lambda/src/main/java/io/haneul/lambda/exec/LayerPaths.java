package io.haneul.lambda.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables that make a function's merged layers (its {@code /opt}) visible to its process
 * the way AWS's runtimes see {@code /opt}, without a container: {@code PYTHONPATH} gets
 * {@code python/lib/python3.N/site-packages} and {@code python}, {@code NODE_PATH} gets
 * {@code nodejs/nodeNN/node_modules} and {@code nodejs/node_modules}, {@code PATH} gets {@code bin},
 * {@code LD_LIBRARY_PATH} gets {@code lib}, and {@code CLASSPATH} gets {@code java/lib/*}; each put
 * before what the variable already held. {@code HANEUL_LAYERS_DIR} names the directory for code that
 * would read {@code /opt} itself.
 */
public final class LayerPaths {

    private static final Pattern PYTHON = Pattern.compile("python(3\\.\\d+)");
    private static final Pattern NODE = Pattern.compile("nodejs(\\d+)\\.x");

    private LayerPaths() {
    }

    /** The variables to set, given the declared runtime and the variables the process has so far. */
    public static Map<String, String> environment(Path opt, String runtime, Map<String, String> current) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("HANEUL_LAYERS_DIR", opt.toString());
        List<String> python = new ArrayList<>();
        Matcher py = PYTHON.matcher(runtime == null ? "" : runtime);
        if (py.matches()) {
            python.add(opt.resolve("python/lib/python" + py.group(1) + "/site-packages").toString());
        }
        // the interpreter actually run may be newer than the declared one: its site-packages count too
        try (var dirs = Files.list(opt.resolve("python/lib"))) {
            dirs.map(d -> d.resolve("site-packages").toString()).sorted().filter(d -> !python.contains(d)).forEach(python::add);
        } catch (IOException noPythonLibraries) {
            // no python/lib in the layers
        }
        python.add(opt.resolve("python").toString());
        prepend(out, current, "PYTHONPATH", python);
        List<String> node = new ArrayList<>();
        Matcher nd = NODE.matcher(runtime == null ? "" : runtime);
        if (nd.matches()) {
            node.add(opt.resolve("nodejs/node" + nd.group(1) + "/node_modules").toString());
        }
        node.add(opt.resolve("nodejs/node_modules").toString());
        prepend(out, current, "NODE_PATH", node);
        prepend(out, current, "PATH", List.of(opt.resolve("bin").toString()));
        prepend(out, current, "LD_LIBRARY_PATH", List.of(opt.resolve("lib").toString()));
        prepend(out, current, "CLASSPATH", List.of(opt.resolve("java/lib").toString() + File.separator + "*"));
        return out;
    }

    private static void prepend(Map<String, String> out, Map<String, String> current, String name, List<String> entries) {
        String existing = current.get(name);
        out.put(name, String.join(File.pathSeparator, entries) + (existing == null || existing.isEmpty() ? "" : File.pathSeparator + existing));
    }
}
