package io.haneul.rekognition.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs FFmpeg's programs with their output in a file (a pipe left unread could block them). */
final class Processes {

    private Processes() {
    }

    /**
     * The arguments that open a downloaded video as FFmpeg's input. The file is untrusted: left to guess,
     * FFmpeg picks its demuxer from the content, and a playlist (concat, HLS) named .mp4 would make it open
     * other local files or URLs. So the demuxer is forced to mov (one demuxer reads MP4, MOV, M4A, 3GP,
     * the only containers Rekognition accepts), only the file protocol is allowed, and the path is given
     * as a {@code file:} URL so that a colon in it names no protocol.
     */
    static List<String> input(Path file) {
        return List.of("-f", "mov", "-protocol_whitelist", "file", "-i", "file:" + file.toAbsolutePath());
    }

    /** The program's options, then its input, then its output options, as one command line. */
    @SafeVarargs
    static List<String> command(List<String>... parts) {
        List<String> all = new java.util.ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
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
