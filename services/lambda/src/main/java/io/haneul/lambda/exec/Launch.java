package io.haneul.lambda.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start one runtime on this machine: the command (interpreter and Haneul's bootstrap, or the
 * function's own {@code bootstrap}), and the interpreter's real version for the logs.
 *
 * @param bootstrapResource a classpath resource copied next to the interpreter's arguments, or null
 */
public record Launch(String family, List<String> command, String bootstrapResource, String realVersion) {

    /**
     * The command with Haneul's bootstrap file in place of {@code {bootstrap}} and the code directory
     * in place of {@code {task}}.
     */
    public List<String> commandWith(Path bootstrapFile, Path taskRoot) {
        return command.stream()
                .map(a -> a.equals("{bootstrap}") ? String.valueOf(bootstrapFile) : a.replace("{task}", taskRoot.toString()))
                .toList();
    }
}
