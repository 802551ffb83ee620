package io.haneul.transcoder.ffmpeg;

import software.amazon.awssdk.services.elastictranscoder.model.AudioCodecOptions;
import software.amazon.awssdk.services.elastictranscoder.model.AudioParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * A preset's Audio as FFmpeg encoder options. AAC is FFmpeg's native encoder, which writes AAC-LC
 * only: HE-AAC and HE-AACv2 need libfdk_aac, which a GPL build may not carry (the bundled one does
 * not); with it they are encoded as HE-AAC, without it as AAC-LC at the preset's bit rate, which the
 * output reports as a warning rather than passing it off as HE-AAC. Vorbis is FFmpeg's native
 * (experimental) encoder; the GPL build has no libvorbis.
 */
final class AudioArgs {

    private AudioArgs() {
    }

    /** True when the preset asks for no audio (Channels 0) or has no Audio at all. */
    static boolean none(AudioParameters audio) {
        return audio == null || "0".equals(audio.channels());
    }

    /**
     * @param setChannels  false when the channels are already packed one per track (each track is mono)
     * @param heAacEncoder whether libfdk_aac is there to encode the HE-AAC profiles
     */
    static List<String> of(AudioParameters audio, boolean setChannels, boolean heAacEncoder) {
        List<String> a = new ArrayList<>();
        AudioCodecOptions options = audio.codecOptions();
        String heAac = heAacProfile(audio);
        switch (audio.codec()) {
            case "AAC" -> {
                if (heAac != null && heAacEncoder) {
                    a.addAll(List.of("-c:a", "libfdk_aac", "-profile:a", "HE-AACv2".equals(heAac) ? "aac_he_v2" : "aac_he"));
                } else {
                    a.addAll(List.of("-c:a", "aac", "-profile:a", "aac_low"));
                }
            }
            case "flac" -> {
                a.addAll(List.of("-c:a", "flac"));
                if (options != null && "24".equals(options.bitDepth())) {
                    a.addAll(List.of("-sample_fmt", "s32", "-bits_per_raw_sample", "24"));
                } else {
                    a.addAll(List.of("-sample_fmt", "s16"));
                }
            }
            case "mp2" -> a.addAll(List.of("-c:a", "mp2"));
            case "mp3" -> a.addAll(List.of("-c:a", "libmp3lame"));
            case "pcm" -> a.addAll(List.of("-c:a", pcm(options)));
            case "vorbis" -> a.addAll(List.of("-c:a", "vorbis", "-strict", "-2"));
            case "opus" -> a.addAll(List.of("-c:a", "libopus"));
            default -> throw new IllegalArgumentException("unsupported audio codec " + audio.codec());
        }
        boolean lossless = "pcm".equals(audio.codec()) || "flac".equals(audio.codec());
        if (!lossless && set(audio.bitRate())) {
            a.addAll(List.of("-b:a", audio.bitRate() + "k"));
        }
        if (set(audio.sampleRate())) {
            a.addAll(List.of("-ar", audio.sampleRate()));
        } else if ("opus".equals(audio.codec())) {
            a.addAll(List.of("-ar", "48000"));
        }
        if (setChannels && set(audio.channels())) {
            a.addAll(List.of("-ac", audio.channels()));
        }
        return a;
    }

    /** {@code HE-AAC} or {@code HE-AACv2} when the preset's AAC asks for one of them, else null. */
    static String heAacProfile(AudioParameters audio) {
        if (audio == null || !"AAC".equals(audio.codec()) || audio.codecOptions() == null) {
            return null;
        }
        String profile = audio.codecOptions().profile();
        return "HE-AAC".equals(profile) || "HE-AACv2".equals(profile) ? profile : null;
    }

    /** The preset's audio bit rate in bits per second (its BitRate is in kbps); 0 when it sets none. */
    static long bitsPerSecond(AudioParameters audio) {
        return audio != null && set(audio.bitRate()) && audio.bitRate().matches("\\d+") ? Long.parseLong(audio.bitRate()) * 1000 : 0;
    }

    /** Whether the preset wants one mono track per channel (MXF, MOV and MP4 outputs of broadcast presets). */
    static boolean oneChannelPerTrack(AudioParameters audio) {
        return audio.audioPackingMode() != null && audio.audioPackingMode().startsWith("OneChannelPerTrack");
    }

    /** pcm_s16le and friends from BitDepth, Signed and BitOrder (8-bit defaults to unsigned as WAV stores it). */
    static String pcm(AudioCodecOptions options) {
        String depth = options == null || options.bitDepth() == null ? "16" : options.bitDepth();
        boolean signed = options == null || options.signed() == null
                ? !"8".equals(depth) : "Signed".equals(options.signed());
        if ("8".equals(depth)) {
            return signed ? "pcm_s8" : "pcm_u8";
        }
        String order = options != null && "BigEndian".equals(options.bitOrder()) ? "be" : "le";
        return "pcm_" + (signed ? "s" : "u") + depth + order;
    }

    private static boolean set(String v) {
        return v != null && !v.isBlank() && !"auto".equals(v);
    }
}
