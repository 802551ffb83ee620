package io.haneul.rekognition.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs FFmpeg's programs with their output in a file (a pipe left unread could block them). */
final class Processes {

    private Processes() {
    }

    /** Runs the command to its end (killed when the thread is interrupted); answers its exit status. */
    static int run(List<String> command, Path output) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            return p.waitFor();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
