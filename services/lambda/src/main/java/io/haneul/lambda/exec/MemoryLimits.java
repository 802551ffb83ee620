package io.haneul.lambda.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * What a function's MemorySize does to its command line, as AWS's runtimes do it: the JVM's heap is
 * bounded at 85% of the memory ({@code -XX:MaxHeapSize}, AWS's Java bootstrap's share), Node's old
 * space at 90% ({@code --max-old-space-size}), so that a function that fills its heap gets its
 * runtime's own error ({@code java.lang.OutOfMemoryError}, V8's heap limit) as on AWS. The process
 * as a whole (any runtime) is held to the MemorySize by {@link MemoryWatch}.
 */
final class MemoryLimits {

    private MemoryLimits() {
    }

    static List<String> apply(String family, List<String> command, int memoryMb) {
        String flag = switch (family) {
            case "java" -> "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k";
            case "node" -> "--max-old-space-size=" + (memoryMb * 90 / 100);
            default -> null;
        };
        if (flag == null || command.isEmpty()) {
            return command;
        }
        List<String> bounded = new ArrayList<>(command);
        bounded.add(1, flag);
        return List.copyOf(bounded);
    }
}
