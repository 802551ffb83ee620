package io.haneul.transcoder.ffmpeg;

/**
 * How an output is written: one file, or segments with a variant manifest for a playlist format.
 * Outputs with a SegmentDuration take the format of the playlist that names them; without one a
 * {@code ts} output is segmented for HLSv3 and an {@code fmp4} output for MPEG-DASH.
 */
enum OutputLayout {
    FILE, HLS_V3, HLS_V4, DASH, SMOOTH;

    static OutputLayout of(String playlistFormat, String container, String segmentDuration) {
        if (segmentDuration == null || segmentDuration.isBlank()) {
            return FILE;
        }
        if (playlistFormat != null) {
            return switch (playlistFormat) {
                case "HLSv3" -> HLS_V3;
                case "HLSv4" -> HLS_V4;
                case "MPEG-DASH" -> DASH;
                case "Smooth" -> SMOOTH;
                default -> FILE;
            };
        }
        return switch (container) {
            case "ts" -> HLS_V3;
            case "fmp4" -> DASH;
            default -> FILE;
        };
    }

    boolean hls() {
        return this == HLS_V3 || this == HLS_V4;
    }
}
