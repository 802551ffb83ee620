package io.haneul.rekognition.video;

/**
 * What ffprobe says about a stored video, in the terms of AWS's VideoMetadata (and AudioMetadata for
 * the first audio stream, when there is one).
 *
 * @param codec       the video stream's codec as ffprobe names it ("h264")
 * @param format      the container's long name ("QuickTime / MOV" for MP4 and MOV, as AWS reports it)
 * @param formatNames ffprobe's short container names ("mov,mp4,m4a,3gp,3g2,mj2")
 * @param colorRange  FULL for "pc" range, LIMITED otherwise (H.264's default is the limited "tv" range)
 * @param audio       the first audio stream, or null
 */
public record VideoInfo(String codec, String format, String formatNames, long durationMillis, float frameRate, int width, int height,
                        String colorRange, Audio audio) {

    /** The first audio stream. */
    public record Audio(String codec, long durationMillis, long sampleRate, long channels) {
    }

    /** MP4 or MOV (ffprobe's "mov" demuxer) holding H.264: what Rekognition Video accepts. */
    public boolean supported() {
        return "h264".equals(codec) && formatNames != null && java.util.Arrays.asList(formatNames.split(",")).contains("mov")
                && width > 0 && height > 0 && frameRate > 0;
    }
}
