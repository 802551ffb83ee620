package io.haneul.transcoder.domain;

import software.amazon.awssdk.services.elastictranscoder.model.AudioCodecOptions;
import software.amazon.awssdk.services.elastictranscoder.model.AudioParameters;
import software.amazon.awssdk.services.elastictranscoder.model.PresetWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.Thumbnails;
import software.amazon.awssdk.services.elastictranscoder.model.VideoParameters;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CreatePreset's rules beyond the model's patterns (which the codec already enforces): which codecs
 * each container carries, the codec options each codec takes, ranges of sizes and bit rates, the two
 * mutually exclusive ways of sizing video and thumbnails, watermark geometry and the PCM/FLAC/MXF audio
 * settings, each refused with a message naming the setting, as the API reference states them. Settings
 * the service accepts but that break the H.264 level's limits produce the response's {@code Warning}.
 */
public final class PresetRules {

    private static final Map<String, Set<String>> VIDEO_CODECS = Map.ofEntries(
            Map.entry("mp4", Set.of("H.264")), Map.entry("ts", Set.of("H.264")), Map.entry("fmp4", Set.of("H.264")),
            Map.entry("flv", Set.of("H.264")), Map.entry("mpg", Set.of("mpeg2")), Map.entry("mxf", Set.of("mpeg2")),
            Map.entry("webm", Set.of("vp8", "vp9")), Map.entry("gif", Set.of("gif")));
    private static final Map<String, Set<String>> AUDIO_CODECS = Map.ofEntries(
            Map.entry("mp4", Set.of("AAC", "mp3")), Map.entry("ts", Set.of("AAC", "mp3")), Map.entry("fmp4", Set.of("AAC")),
            Map.entry("flv", Set.of("AAC", "mp3")), Map.entry("mpg", Set.of("mp2")), Map.entry("mxf", Set.of("pcm")),
            Map.entry("webm", Set.of("vorbis")), Map.entry("mp3", Set.of("mp3")), Map.entry("mp2", Set.of("mp2")),
            Map.entry("flac", Set.of("flac")), Map.entry("oga", Set.of("flac", "vorbis")), Map.entry("ogg", Set.of("flac", "vorbis")),
            Map.entry("wav", Set.of("pcm")), Map.entry("gif", Set.of()));
    private static final Map<String, Set<String>> CODEC_OPTIONS = Map.of(
            "H.264", Set.of("Profile", "Level", "MaxReferenceFrames", "MaxBitRate", "BufferSize", "InterlacedMode",
                    "ColorSpaceConversionMode", "ChromaSubsampling"),
            "mpeg2", Set.of("MaxBitRate", "BufferSize", "InterlacedMode", "ColorSpaceConversionMode", "ChromaSubsampling"),
            "vp8", Set.of("Profile", "MaxBitRate", "BufferSize"),
            "vp9", Set.of("Profile", "MaxBitRate", "BufferSize"),
            "gif", Set.of("LoopCount"));
    private static final List<String> H264_LEVELS = List.of("1", "1b", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "4.1");
    /** Largest frame in macroblocks per H.264 level (MaxFS), for the Warning. */
    private static final int[] H264_MAX_FS = {99, 99, 396, 396, 396, 396, 792, 1620, 1620, 3600, 5120, 8192, 8192};
    private static final Pattern RESOLUTION = Pattern.compile("(\\d+)x(\\d+)");
    private static final Pattern PIXELS = Pattern.compile("(\\d+)px");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d*)?)%");

    private PresetRules() {
    }

    /**
     * Checks a preset to be created.
     *
     * @return the Warning to answer (settings outside the H.264 level's limits), if any
     */
    public static Optional<String> check(String container, VideoParameters video, AudioParameters audio, Thumbnails thumbnails) {
        boolean audioOnly = !VIDEO_CODECS.containsKey(container);
        if (video != null && audioOnly) {
            throw invalid("Video settings are not valid for Container " + container + ", which holds audio only.");
        }
        if (audio != null && container.equals("gif")) {
            throw invalid("Audio settings are not valid for Container gif.");
        }
        if (audioOnly && audio == null) {
            throw invalid("Audio settings are required for Container " + container + ".");
        }
        if (audioOnly && thumbnails != null) {
            throw invalid("Thumbnails settings are not valid for Container " + container + ", which holds audio only.");
        }
        if (!audioOnly && video == null && audio == null) {
            throw invalid("A preset for Container " + container + " needs Video or Audio settings.");
        }
        Optional<String> warning = Optional.empty();
        if (video != null) {
            warning = video(container, video);
        }
        if (audio != null) {
            audio(container, audio);
        }
        if (thumbnails != null) {
            thumbnails(thumbnails);
        }
        return warning;
    }

    private static Optional<String> video(String container, VideoParameters v) {
        String codec = require(v.codec(), "Video:Codec");
        if (!VIDEO_CODECS.get(container).contains(codec)) {
            throw invalid("Video:Codec " + codec + " is not valid for Container " + container + "; valid codecs: "
                    + String.join(", ", VIDEO_CODECS.get(container).stream().sorted().toList()) + ".");
        }
        Map<String, String> options = v.hasCodecOptions() ? v.codecOptions() : Map.of();
        for (Map.Entry<String, String> o : options.entrySet()) {
            if (!CODEC_OPTIONS.get(codec).contains(o.getKey())) {
                throw invalid("Video:CodecOptions:" + o.getKey() + " is not valid for Video:Codec " + codec + ".");
            }
            codecOption(codec, container, o.getKey(), o.getValue());
        }
        boolean gif = codec.equals("gif");
        if (gif && v.keyframesMaxDist() != null) {
            throw invalid("Video:KeyframesMaxDist is not valid for Container gif.");
        }
        if (gif && v.fixedGOP() != null) {
            throw invalid("Video:FixedGOP is not valid for Container gif.");
        }
        if (v.keyframesMaxDist() != null) {
            range("Video:KeyframesMaxDist", v.keyframesMaxDist(), 1, 100_000);
        }
        if (container.equals("fmp4") && !"true".equals(v.fixedGOP())) {
            throw invalid("Video:FixedGOP must be true for Container fmp4.");
        }
        if (v.bitRate() != null && !v.bitRate().equals("auto")) {
            range("Video:BitRate", v.bitRate(), 16, 62_500);
        }
        if (v.maxFrameRate() != null && v.frameRate() != null && !v.frameRate().equals("auto")) {
            throw invalid("Video:MaxFrameRate is valid only when Video:FrameRate is auto.");
        }
        boolean option1 = v.maxWidth() != null || v.maxHeight() != null || v.sizingPolicy() != null || v.paddingPolicy() != null
                || v.displayAspectRatio() != null;
        boolean option2 = v.resolution() != null || v.aspectRatio() != null;
        if (option1 && option2) {
            throw invalid("Video:Resolution and Video:AspectRatio cannot be used with Video:MaxWidth, Video:MaxHeight, "
                    + "Video:SizingPolicy, Video:PaddingPolicy or Video:DisplayAspectRatio.");
        }
        Integer width = dimension("Video:MaxWidth", v.maxWidth(), 128, 4096, true);
        Integer height = dimension("Video:MaxHeight", v.maxHeight(), 96, 3072, true);
        if (v.resolution() != null && !v.resolution().equals("auto")) {
            Matcher m = RESOLUTION.matcher(v.resolution());
            if (!m.matches()) {
                throw invalid("Video:Resolution must be auto or widthxheight.");
            }
            width = dimension("Video:Resolution width", m.group(1), 128, 4096, true);
            height = dimension("Video:Resolution height", m.group(2), 96, 3072, true);
        }
        if (v.hasWatermarks()) {
            watermarks(v.watermarks(), width, height);
        }
        if (codec.equals("H.264") && options.get("Level") != null && width != null && height != null) {
            int level = H264_LEVELS.indexOf(options.get("Level"));
            long macroblocks = (long) ((width + 15) / 16) * ((height + 15) / 16);
            if (macroblocks > H264_MAX_FS[level]) {
                return Optional.of("The output resolution " + width + "x" + height + " (" + macroblocks + " macroblocks) exceeds the "
                        + H264_MAX_FS[level] + " macroblocks that H.264 level " + options.get("Level") + " allows; players that "
                        + "enforce the level may not play the output.");
            }
        }
        return Optional.empty();
    }

    private static void codecOption(String codec, String container, String name, String value) {
        String setting = "Video:CodecOptions:" + name;
        switch (name) {
            case "Profile" -> {
                if (codec.equals("H.264")) {
                    oneOf(setting, value, Set.of("baseline", "main", "high"));
                } else {
                    oneOf(setting, value, Set.of("0", "1", "2", "3"));
                    if (!container.equals("webm")) {
                        throw invalid(setting + " is valid for " + codec + " only with Container webm.");
                    }
                }
            }
            case "Level" -> oneOf(setting, value, Set.copyOf(H264_LEVELS));
            case "MaxReferenceFrames" -> range(setting, value, 0, 16);
            case "MaxBitRate" -> range(setting, value, 16, 62_500);
            case "BufferSize" -> range(setting, value, 1, Integer.MAX_VALUE);
            case "InterlacedMode" -> oneOf(setting, value, Set.of("Progressive", "TopFirst", "BottomFirst", "Auto"));
            case "ColorSpaceConversionMode" -> oneOf(setting, value, Set.of("None", "Bt709toBt601", "Bt601toBt709", "Auto"));
            case "ChromaSubsampling" -> oneOf(setting, value, Set.of("yuv420p", "yuv422p"));
            case "LoopCount" -> {
                if (!value.equals("Infinite")) {
                    range(setting, value, 0, 100);
                }
            }
            default -> throw invalid(setting + " is not a valid codec option.");
        }
    }

    private static void watermarks(List<PresetWatermark> marks, Integer maxWidth, Integer maxHeight) {
        if (marks.size() > 4) {
            throw invalid("Video:Watermarks can contain at most 4 watermarks.");
        }
        Set<String> ids = new HashSet<>();
        for (PresetWatermark w : marks) {
            String id = require(w.id(), "Video:Watermarks:Id");
            if (!ids.add(id)) {
                throw invalid("Video:Watermarks:Id " + id + " is used by more than one watermark.");
            }
            length("Video:Watermarks:MaxWidth", w.maxWidth(), 16, maxWidth);
            length("Video:Watermarks:MaxHeight", w.maxHeight(), 16, maxHeight);
            length("Video:Watermarks:HorizontalOffset", w.horizontalOffset(), 0, maxWidth);
            length("Video:Watermarks:VerticalOffset", w.verticalOffset(), 0, maxHeight);
            if (nonZero(w.horizontalOffset()) && "Center".equals(w.horizontalAlign())) {
                throw invalid("Video:Watermarks:HorizontalOffset is valid only when Video:Watermarks:HorizontalAlign is Left or Right.");
            }
            if (nonZero(w.verticalOffset()) && "Center".equals(w.verticalAlign())) {
                throw invalid("Video:Watermarks:VerticalOffset is valid only when Video:Watermarks:VerticalAlign is Top or Bottom.");
            }
            if (w.opacity() != null && new BigDecimal(w.opacity()).compareTo(BigDecimal.valueOf(100)) > 0) {
                throw invalid("Video:Watermarks:Opacity must be between 0 and 100.");
            }
        }
    }

    private static void audio(String container, AudioParameters a) {
        String codec = require(a.codec(), "Audio:Codec");
        if (!AUDIO_CODECS.get(container).contains(codec)) {
            throw invalid("Audio:Codec " + codec + " is not valid for Container " + container + "; valid codecs: "
                    + String.join(", ", AUDIO_CODECS.get(container).stream().sorted().toList()) + ".");
        }
        AudioCodecOptions o = a.codecOptions();
        boolean lossless = codec.equals("pcm") || codec.equals("flac");
        if (a.bitRate() != null && !lossless) {
            boolean heAac = o != null && o.profile() != null && o.profile().startsWith("HE-AAC");
            range("Audio:BitRate", a.bitRate(), heAac ? 16 : 64, 320);
        }
        if (container.equals("mxf") && a.sampleRate() != null && !a.sampleRate().equals("48000")) {
            throw invalid("Audio:SampleRate must be 48000 for Container mxf.");
        }
        if (a.audioPackingMode() != null && !a.audioPackingMode().equals("SingleTrack") && !container.equals("mxf")) {
            throw invalid("Audio:AudioPackingMode " + a.audioPackingMode() + " is valid only for Container mxf.");
        }
        if (o == null) {
            return;
        }
        if (o.profile() != null && !codec.equals("AAC")) {
            throw invalid("Audio:CodecOptions:Profile is valid only when Audio:Codec is AAC.");
        }
        if (o.bitDepth() != null) {
            if (codec.equals("flac")) {
                oneOf("Audio:CodecOptions:BitDepth", o.bitDepth(), Set.of("16", "24"));
            } else if (!codec.equals("pcm")) {
                throw invalid("Audio:CodecOptions:BitDepth is valid only when Audio:Codec is flac or pcm.");
            }
        }
        if (o.signed() != null && !codec.equals("pcm")) {
            throw invalid("Audio:CodecOptions:Signed is valid only when Audio:Codec is pcm.");
        }
        if (o.bitOrder() != null && !codec.equals("pcm")) {
            throw invalid("Audio:CodecOptions:BitOrder is valid only when Audio:Codec is pcm.");
        }
    }

    private static void thumbnails(Thumbnails t) {
        require(t.format(), "Thumbnails:Format");
        range("Thumbnails:Interval", require(t.interval(), "Thumbnails:Interval"), 1, 99_999);
        boolean option1 = t.maxWidth() != null || t.maxHeight() != null || t.sizingPolicy() != null || t.paddingPolicy() != null;
        boolean option2 = t.resolution() != null || t.aspectRatio() != null;
        if (option1 && option2) {
            throw invalid("Thumbnails:Resolution and Thumbnails:AspectRatio cannot be used with Thumbnails:MaxWidth, "
                    + "Thumbnails:MaxHeight, Thumbnails:SizingPolicy or Thumbnails:PaddingPolicy.");
        }
        dimension("Thumbnails:MaxWidth", t.maxWidth(), 32, 4096, false);
        dimension("Thumbnails:MaxHeight", t.maxHeight(), 32, 3072, false);
        if (t.resolution() != null) {
            Matcher m = RESOLUTION.matcher(t.resolution());
            if (m.matches()) {
                dimension("Thumbnails:Resolution width", m.group(1), 32, 4096, false);
                dimension("Thumbnails:Resolution height", m.group(2), 32, 3072, false);
            }
        }
    }

    /** A size in pixels ("auto" or digits): null for auto or absent. */
    private static Integer dimension(String setting, String value, int min, int max, boolean even) {
        if (value == null || value.equals("auto")) {
            return null;
        }
        int n = range(setting, value, min, max);
        if (even && n % 2 != 0) {
            throw invalid(setting + " must be an even integer between " + min + " and " + max + ", inclusive.");
        }
        return n;
    }

    /** A watermark length: {@code Npx} between min and the video's size, or {@code N%} up to 100. */
    private static void length(String setting, String value, int minPixels, Integer maxPixels) {
        if (value == null) {
            return;
        }
        Matcher px = PIXELS.matcher(value);
        if (px.matches()) {
            int n = Integer.parseInt(px.group(1));
            if (n < minPixels || (maxPixels != null && n > maxPixels)) {
                throw invalid(setting + " must be between " + minPixels + "px and " + (maxPixels == null ? "the video's width or height"
                        : maxPixels + "px") + ", or a percentage between 0% and 100%.");
            }
            return;
        }
        Matcher pct = PERCENT.matcher(value);
        if (!pct.matches() || new BigDecimal(pct.group(1)).compareTo(BigDecimal.valueOf(100)) > 0) {
            throw invalid(setting + " must be a number of pixels (e.g. 20px) or a percentage between 0% and 100%.");
        }
    }

    private static boolean nonZero(String length) {
        return length != null && !length.matches("0+(\\.0*)?(px|%)");
    }

    private static int range(String setting, String value, int min, int max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(setting + " must be an integer between " + min + " and " + max + ", inclusive.");
        }
        if (n < min || n > max) {
            throw invalid(setting + " must be an integer between " + min + " and " + max + ", inclusive.");
        }
        return (int) n;
    }

    private static void oneOf(String setting, String value, Set<String> valid) {
        if (!valid.contains(value)) {
            throw invalid(setting + " " + value + " is not valid; valid values: " + String.join(", ", valid.stream().sorted().toList()) + ".");
        }
    }

    private static String require(String value, String setting) {
        if (value == null || value.isEmpty()) {
            throw invalid(setting + " is required.");
        }
        return value;
    }

    private static TranscoderException invalid(String message) {
        return TranscoderException.validation(message);
    }
}
