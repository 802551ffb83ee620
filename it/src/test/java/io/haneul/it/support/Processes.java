package io.haneul.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs an external client (python3, the AWS CLI) with a clean AWS environment and a time limit. */
public final class Processes {

    /** What a finished process left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private Processes() {
    }

    /**
     * Runs {@code command} with AWS credentials and region in the environment and the user's AWS
     * config files hidden, so nothing on the machine changes what the client does.
     */
    public static Result run(List<String> command, String accessKey, String secretKey, Path workDir, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") && !k.equals("AWS_CA_BUNDLE"));
            env.put("AWS_ACCESS_KEY_ID", accessKey);
            env.put("AWS_SECRET_ACCESS_KEY", secretKey);
            env.put("AWS_DEFAULT_REGION", "us-east-1");
            env.put("AWS_CONFIG_FILE", workDir.resolve("no-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-credentials").toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The first executable named {@code name} on PATH whose {@code --version} output starts with {@code versionPrefix}. */
    public static Optional<Path> onPath(String name, String versionPrefix, Path workDir) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                Result r = run(List.of(candidate.toString(), "--version"), "x", "x", workDir, 60);
                if (r.exitCode() == 0 && (r.stdout() + r.stderr()).strip().startsWith(versionPrefix)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** A python3 that imports boto3: on PATH, else one of pyenv's (the test JVM's PATH may lack pyenv's shims). */
    public static Optional<String> pythonWithBoto3(Path work) {
        List<Path> candidates = new java.util.ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir, "python3"));
        }
        Path pyenv = Path.of(System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"), "versions");
        if (Files.isDirectory(pyenv)) {
            try (var versions = Files.list(pyenv)) {
                versions.sorted().forEach(v -> candidates.add(v.resolve("bin/python3")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c) && Processes.run(List.of(c.toString(), "-c", "import boto3"), "x", "x", work, 60).exitCode() == 0) {
                return Optional.of(c.toString());
            }
        }
        return Optional.empty();
    }
}
