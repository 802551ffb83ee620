package io.haneul.it.sagemaker;

import io.haneul.sagemaker.script.PythonFinder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** What the script-mode tests share: the entry points under test resources packed as sourcedir.tar.gz, data, and the server's Python. */
final class ScriptSources {

    static final String SKLEARN_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3";

    private ScriptSources() {
    }

    static String resource(String name) {
        try (InputStream in = ScriptSources.class.getResourceAsStream("/sagemaker-script/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sourcedir.tar.gz holding the named resources at its root, as the SDK packs {@code source_dir}. */
    static byte[] sourceDir(String... names) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name, resource(name).getBytes(StandardCharsets.UTF_8));
        }
        return tarGz(files);
    }

    /** A tar.gz of the given files, by their paths inside it. */
    static byte[] tarGz(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Rows of label,a,b,c with label 1 when 2a - b + 0.5c > 0 (truth filled when given; features only when labelled is false). */
    static String rows(Random random, int n, boolean labelled, int[] truth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            int label = 2 * a - b + 0.5 * c > 0 ? 1 : 0;
            if (truth != null) {
                truth[i] = label;
            }
            out.append(labelled ? label + "," : "").append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f", a, b, c)).append('\n');
        }
        return out.toString();
    }

    /** The Python the server finds for script mode, when it can import scikit-learn (the launcher and CI install it). */
    static Optional<Path> pythonWithSklearn() {
        Optional<Path> python = PythonFinder.ofMachine(null).find();
        if (python.isEmpty()) {
            return python;
        }
        try {
            Process p = new ProcessBuilder(python.get().toString(), "-c",
                    "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ('sklearn', 'joblib', 'numpy')) else 1)").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 ? python : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
