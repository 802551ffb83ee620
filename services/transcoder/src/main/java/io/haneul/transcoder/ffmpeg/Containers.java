package io.haneul.transcoder.ffmpeg;

import java.util.List;

/** Elastic Transcoder's containers as FFmpeg muxers, with the Content-Type each output is stored with. */
final class Containers {

    private Containers() {
    }

    /** The muxer and its options for a whole (unsegmented) file. */
    static List<String> muxer(String container) {
        return switch (container) {
            case "mp4" -> List.of("-f", "mp4", "-movflags", "+faststart");
            case "fmp4" -> List.of("-f", "mp4", "-movflags", "+frag_keyframe+empty_moov+default_base_moof");
            case "ts" -> List.of("-f", "mpegts");
            case "mpg" -> List.of("-f", "dvd");
            case "oga", "ogg" -> List.of("-f", "ogg");
            case "mp2" -> List.of("-f", "mp2");
            default -> List.of("-f", container); // flac, flv, gif, mp3, mxf, wav, webm
        };
    }

    static String contentType(String container, boolean video) {
        return switch (container) {
            case "mp4", "fmp4" -> video ? "video/mp4" : "audio/mp4";
            case "ts" -> "video/MP2T";
            case "mpg" -> "video/mpeg";
            case "webm" -> video ? "video/webm" : "audio/webm";
            case "flv" -> "video/x-flv";
            case "gif" -> "image/gif";
            case "mxf" -> "application/mxf";
            case "mp3", "mp2" -> "audio/mpeg";
            case "flac" -> "audio/flac";
            case "wav" -> "audio/wav";
            case "oga" -> "audio/ogg";
            case "ogg" -> video ? "video/ogg" : "audio/ogg";
            default -> "application/octet-stream";
        };
    }
}
