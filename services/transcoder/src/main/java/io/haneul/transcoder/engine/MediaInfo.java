package io.haneul.transcoder.engine;

/**
 * What ffprobe reads from a media file, in Elastic Transcoder's units.
 *
 * @param durationMillis the container's duration in milliseconds (ReadJob reports seconds and milliseconds)
 * @param width          the first video stream's width in pixels, or null without video
 * @param height         the first video stream's height, or null without video
 * @param frameRate      the video frame rate as Elastic Transcoder writes it (e.g. {@code "29.97"}), or null
 * @param fileSize       the file's size in bytes
 * @param container      the container FFmpeg detected (e.g. {@code mp4}, {@code webm}, {@code mp3})
 * @param videoCodec     the first video stream's codec (FFmpeg's name, e.g. {@code h264}), or null
 * @param audioCodec     the first audio stream's codec (e.g. {@code aac}), or null
 * @param rotation       the video's rotation from its metadata in degrees (0, 90, 180, 270)
 */
public record MediaInfo(long durationMillis, Integer width, Integer height, String frameRate, long fileSize,
                        String container, String videoCodec, String audioCodec, int rotation) {
}
