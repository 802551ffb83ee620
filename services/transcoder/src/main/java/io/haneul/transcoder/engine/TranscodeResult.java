package io.haneul.transcoder.engine;

import java.util.List;

/**
 * What a job produced: per output and per playlist, the files to upload and what the real files measure.
 *
 * @param input what ffprobe read from the (first) input: the job's {@code Input.DetectedProperties}
 */
public record TranscodeResult(MediaInfo input, List<OutputResult> outputs, List<PlaylistResult> playlists) {

    public TranscodeResult {
        outputs = List.copyOf(outputs);
        playlists = List.copyOf(playlists);
    }

    /**
     * One output, in the job's output order.
     *
     * @param files        the output's files (the media file, or its segments and variant playlist; its thumbnails
     *                     as {@link ProducedFile.Kind#THUMBNAIL}), keys relative to the job's OutputKeyPrefix
     * @param media        what ffprobe read from the produced media (Duration, Width, Height, FrameRate, FileSize);
     *                     null when the output failed
     * @param errorCode    Elastic Transcoder's StatusDetail code when the output failed (e.g. {@code 4000}), else null
     * @param errorMessage the StatusDetail text when the output failed, else null
     */
    public record OutputResult(List<ProducedFile> files, MediaInfo media, String errorCode, String errorMessage) {

        public OutputResult {
            files = List.copyOf(files);
        }

        public boolean failed() {
            return errorCode != null;
        }
    }

    /** One playlist, in the job's playlist order: its master manifest (and HLS key files) or why it failed. */
    public record PlaylistResult(List<ProducedFile> files, String errorCode, String errorMessage) {

        public PlaylistResult {
            files = List.copyOf(files);
        }

        public boolean failed() {
            return errorCode != null;
        }
    }
}
