package io.haneul.rekognition.video;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs FFmpeg's programs with their output in a file (a pipe left unread could block them). */
public final class Processes {

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

    /**
     * How long FFmpeg may take over a video of the given length: a fixed allowance plus five times the
     * video's own length (decoding runs far faster than real time; a program still busy after that
     * stalls on its input). Without a limit a stalling file would hold a job slot for ever.
     */
    static Duration limit(Duration base, long videoMillis) {
        return base.plusMillis(5 * Math.max(0, videoMillis));
    }

    /** The fixed allowance of {@link #limit}, and all that ffprobe gets (it reads headers, not the video). */
    static final Duration BASE_LIMIT = Duration.ofMinutes(1);

    /**
     * Runs the command to its end (killed when the thread is interrupted, or when it runs longer than
     * {@code limit}: then it is {@link TimedOut}); answers its exit status.
     */
    static int run(List<String> command, Path output, Duration limit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimedOut(Path.of(command.getFirst()).getFileName() + " did not finish within " + limit.toSeconds() + " s");
            }
            return p.exitValue();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** FFmpeg ran past its time limit and was killed. */
    public static final class TimedOut extends IOException {
        TimedOut(String message) {
            super(message);
        }
    }
}
