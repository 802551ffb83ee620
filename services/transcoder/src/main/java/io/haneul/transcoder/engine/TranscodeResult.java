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
     * @param warnings     what the output could not honour although it completed (the WARNING notification)
     */
    public record OutputResult(List<ProducedFile> files, MediaInfo media, String errorCode, String errorMessage,
                               List<Warning> warnings) {

        public OutputResult {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }

        /** An output without warnings. */
        public OutputResult(List<ProducedFile> files, MediaInfo media, String errorCode, String errorMessage) {
            this(files, media, errorCode, errorMessage, List.of());
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

    /**
     * A condition the output completed despite: the preset asked for something the input or FFmpeg could
     * not give (e.g. audio settings for an input without audio), reported in the output's StatusDetail and
     * the pipeline's WARNING notification.
     *
     * @param code    the notification's {@code errorCode} (Elastic Transcoder's code for the condition)
     * @param message what was done instead
     */
    public record Warning(String code, String message) {
    }
}
