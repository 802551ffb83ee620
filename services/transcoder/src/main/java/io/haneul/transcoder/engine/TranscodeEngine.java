package io.haneul.transcoder.engine;

import java.nio.file.Path;

/**
 * Turns a job's local input files into its outputs, thumbnails and playlists with FFmpeg. It knows
 * nothing of S3, pipelines, statuses or notifications: the job runner downloads what
 * {@link TranscodeJob} names into a work directory, calls {@link #transcode}, and uploads every
 * {@link ProducedFile} of the result. One call runs one job; calls may run in parallel.
 */
public interface TranscodeEngine {

    /**
     * What ffprobe reads from a media file: the job's {@code Input.DetectedProperties}.
     *
     * @throws TranscodeException {@code 4000}-series codes when the file is not media FFmpeg can read
     */
    MediaInfo probe(Path file);

    /**
     * Runs a whole job: every output, then the playlists over them. An output that fails does not stop the
     * others; its {@link TranscodeResult.OutputResult} carries the error. The thread's interruption kills
     * FFmpeg at once and ends the call with {@link TranscodeException#cancelled()}.
     *
     * @param workDir  an empty directory the engine writes everything into (the runner deletes it afterwards)
     * @param progress told the job's overall completion as FFmpeg reports it, at most 99 (the runner makes it 100
     *                 when the job is complete, after its files are written)
     * @throws TranscodeException when the whole job cannot run (e.g. the input cannot be read)
     */
    TranscodeResult transcode(TranscodeJob job, Path workDir, ProgressListener progress);

    /** The job's completion as FFmpeg reports it. */
    @FunctionalInterface
    interface ProgressListener {
        /** @param percent 0 to 99, never decreasing within one job */
        void progress(int percent);
    }
}
