package io.haneul.transcoder.ffmpeg;

import software.amazon.awssdk.services.elastictranscoder.model.VideoParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A preset's Video as FFmpeg encoder options and the filters before the encoder (frame rate, colour
 * space conversion). libx264 runs with its {@code veryfast} preset ({@link #X264_PRESET}): an
 * emulator's transcodes are for checking a workflow, so speed matters more than compression.
 */
final class VideoArgs {

    static final String X264_PRESET = "veryfast";

    private VideoArgs() {
    }

    /**
     * The output frame rate: the preset's, or with {@code auto} the input's capped at MaxFrameRate
     * (Elastic Transcoder's default cap is 30).
     */
    static String frameRate(VideoParameters video, double inputFps) {
        if (video.frameRate() != null && !"auto".equals(video.frameRate())) {
            return FrameRates.rational(video.frameRate());
        }
        String cap = video.maxFrameRate() == null ? "30" : video.maxFrameRate();
        if (inputFps <= 0 || inputFps > FrameRates.value(cap) + 0.01) {
            return FrameRates.rational(cap);
        }
        return null; // keep the input's
    }

    /** Filters the codec options ask for before encoding: colour space conversion. */
    static List<String> filters(VideoParameters video) {
        List<String> f = new ArrayList<>();
        String csc = option(video, "ColorSpaceConversionMode");
        if ("Bt601ToBt709".equals(csc)) {
            f.add("colorspace=all=bt709:iall=bt601-6-525");
        } else if ("Bt709ToBt601".equals(csc)) {
            f.add("colorspace=all=bt601-6-525:iall=bt709");
        }
        return f;
    }

    static String pixelFormat(VideoParameters video) {
        String chroma = option(video, "ChromaSubsampling");
        return "yuv422p".equals(chroma) ? "yuv422p" : "yuv420p";
    }

    static List<String> encoder(VideoParameters video) {
        List<String> a = new ArrayList<>();
        String interlaced = option(video, "InterlacedMode");
        boolean tff = "TopFirst".equals(interlaced);
        boolean bff = "BottomFirst".equals(interlaced);
        switch (video.codec()) {
            case "H.264" -> {
                a.addAll(List.of("-c:v", "libx264", "-preset", X264_PRESET));
                String profile = option(video, "Profile");
                if (profile != null) {
                    a.addAll(List.of("-profile:v", profile));
                }
                String level = option(video, "Level");
                if (level != null) {
                    a.addAll(List.of("-level:v", level));
                }
                String refs = option(video, "MaxReferenceFrames");
                if (refs != null) {
                    a.addAll(List.of("-refs", refs));
                }
                if (tff || bff) {
                    a.addAll(List.of("-x264-params", tff ? "tff=1" : "bff=1"));
                }
            }
            case "mpeg2" -> {
                a.addAll(List.of("-c:v", "mpeg2video"));
                if (tff || bff) {
                    a.addAll(List.of("-flags", "+ilme+ildct", "-top", tff ? "1" : "0"));
                }
            }
            case "vp8" -> a.addAll(List.of("-c:v", "libvpx", "-deadline", "good", "-cpu-used", "5"));
            case "vp9" -> a.addAll(List.of("-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", "5", "-row-mt", "1"));
            case "gif" -> a.addAll(List.of("-c:v", "gif"));
            default -> throw new IllegalArgumentException("unsupported video codec " + video.codec());
        }
        if ("gif".equals(video.codec())) {
            String loop = option(video, "LoopCount");
            a.addAll(List.of("-loop", loop == null || "Infinite".equals(loop) ? "0" : loop));
            return a;
        }
        a.addAll(List.of("-pix_fmt", pixelFormat(video)));
        if (video.keyframesMaxDist() != null) {
            a.addAll(List.of("-g", video.keyframesMaxDist()));
            if ("true".equals(video.fixedGOP())) {
                a.addAll(List.of("-keyint_min", video.keyframesMaxDist(), "-sc_threshold", "0"));
            }
        }
        if (video.bitRate() != null && !"auto".equals(video.bitRate())) {
            a.addAll(List.of("-b:v", video.bitRate() + "k"));
            String max = option(video, "MaxBitRate");
            String buffer = option(video, "BufferSize");
            if (max != null) {
                a.addAll(List.of("-maxrate", max + "k", "-bufsize", (buffer != null ? buffer : String.valueOf(Integer.parseInt(max) * 2)) + "k"));
            }
        } else if ("H.264".equals(video.codec())) {
            a.addAll(List.of("-crf", "23"));
        }
        return a;
    }

    static String option(VideoParameters video, String name) {
        Map<String, String> options = video.codecOptions();
        return options == null ? null : options.get(name);
    }
}
