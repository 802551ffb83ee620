package io.haneul.sagemaker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The working folders jobs and loaded models leave on disk. */
public final class WorkFolders {

    private WorkFolders() {
    }

    /** Deletes a folder and everything in it; one left behind is not worth failing a job or a model for. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind: the next start's clean-up or the operator removes it
        }
    }
}
