package io.haneul.transcoder.engine;

import java.nio.file.Path;

/**
 * A file the engine wrote that the runner uploads.
 *
 * @param key         the object key relative to the job's OutputKeyPrefix (e.g. {@code hls/seg00001.ts})
 * @param file        where it is in the work directory
 * @param contentType the Content-Type to store it with (e.g. {@code video/mp4}, {@code application/x-mpegURL})
 * @param kind        which bucket it goes to: thumbnails to the ThumbnailConfig bucket, the rest to the ContentConfig one
 */
public record ProducedFile(String key, Path file, String contentType, Kind kind) {

    public enum Kind { MEDIA, SEGMENT, PLAYLIST, THUMBNAIL, CAPTION, KEY }
}
