package io.haneul.transcoder.engine;

import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One job as the engine runs it: the request's settings (SDK model shapes, validated before) with
 * every S3 object they name already downloaded to a local file.
 *
 * @param inputs          the inputs in stitching order (one for a job with a single Input)
 * @param outputs         the outputs in request order, each with its preset resolved
 * @param playlists       the request's playlists; their OutputKeys name keys of {@code outputs}
 * @param files           local copies of the other objects the request names, keyed by their S3 key in the
 *                        input bucket: watermark {@code InputKey}s, album art {@code InputKey}s and
 *                        caption source {@code Key}s
 */
public record TranscodeJob(List<Input> inputs, List<Output> outputs, List<CreateJobPlaylist> playlists,
                           Map<String, Path> files) {

    public TranscodeJob {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        playlists = List.copyOf(playlists);
        files = Map.copyOf(files);
    }

    /** An input's settings and its downloaded bytes. */
    public record Input(JobInput settings, Path file) {
    }

    /**
     * An output's settings (Key without the job's OutputKeyPrefix, ThumbnailPattern, Rotate,
     * SegmentDuration, Watermarks, AlbumArt, Captions, Encryption) and the preset it names.
     */
    public record Output(CreateJobOutput settings, Preset preset) {
    }
}
