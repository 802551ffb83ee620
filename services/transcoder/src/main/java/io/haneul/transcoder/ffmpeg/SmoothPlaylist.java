package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.TranscodeException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Smooth's server manifest (SMIL naming each track of each fragmented file) and client manifest: a video
 * StreamIndex with one QualityLevel per video output, and an audio StreamIndex with the audio-only outputs
 * and the audio tracks of the video outputs. A StreamIndex lists one set of chunks that every level of it
 * must have fragments for, so a video output, or an audio-only output, whose fragments start at other times
 * than the first one's fails the playlist, as does a file without a fragment index. FFmpeg cuts a video
 * output's audio where the video's keyframes fall and an audio-only output's by its own duration, so an
 * audio-only output sets the audio chunks, and a video output's audio track becomes a level only where its
 * fragments start at those times (left out otherwise: clients take that output's video with the audio
 * levels there are). Clients ask for a fragment by bit rate, so each track type names a bit rate once: an
 * audio track whose rate another has is left out of both manifests, and a video output's measured rate that
 * another has is raised by one bit per second.
 */
final class SmoothPlaylist {

    private final String name;
    private final StringBuilder ism = new StringBuilder();
    private final Stream video = new Stream("video");
    private final Stream audio = new Stream("audio");

    private SmoothPlaylist(String name) {
        this.name = name;
    }

    /** The .ism and .ismc texts, in that order. */
    static List<String> manifests(String name, String clientManifestName, List<Playlists.Variant> variants) {
        SmoothPlaylist p = new SmoothPlaylist(name);
        for (Playlists.Variant v : variants) {
            if (!v.video()) {
                p.add(v);
            }
        }
        for (Playlists.Variant v : variants) {
            if (v.video()) {
                p.add(v);
            }
        }
        String ism = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<smil xmlns=\"http://www.w3.org/2001/SMIL20/Language\">\n"
                + "  <head>\n    <meta name=\"clientManifestRelativePath\" content=\"" + clientManifestName + "\"/>\n  </head>\n"
                + "  <body>\n    <switch>\n" + p.ism + "    </switch>\n  </body>\n</smil>\n";
        StringBuilder ismc = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SmoothStreamingMedia MajorVersion=\"2\""
                + " MinorVersion=\"0\" TimeScale=\"10000000\" Duration=\"").append(Math.max(p.video.end, p.audio.end)).append("\">\n");
        for (Stream s : List.of(p.video, p.audio)) {
            if (!s.bitrates.isEmpty()) {
                ismc.append(s.streamIndex());
            }
        }
        return List.of(ism, ismc.append("</SmoothStreamingMedia>\n").toString());
    }

    private void add(Playlists.Variant v) {
        String src = Playlists.relative(name, v.manifestKey());
        Ffprobe.SmoothTracks t = v.smooth();
        if (t == null) {
            throw manifestError(v.key() + " is not a fragmented Smooth file");
        }
        if (v.video()) {
            long bitrate = v.bandwidth();
            while (video.bitrates.contains(bitrate)) {
                bitrate++;
            }
            video.add(v.key(), bitrate, t.videoChunks(), t.videoEnd(), "\" FourCC=\"H264\" MaxWidth=\"" + v.media().width()
                    + "\" MaxHeight=\"" + v.media().height() + "\"" + privateData(t.videoPrivateData()));
            ism.append(track("video", src, bitrate, t.videoTrackId()));
        }
        long audioBitrate = t.audioBitRate() > 0 ? t.audioBitRate() : v.bandwidth();
        if (v.audio() && !audio.bitrates.contains(audioBitrate) && (!v.video() || audio.fits(t.audioChunks()))) {
            // AudioTag 255 is AAC; 16-bit samples and 4-byte packets as IIS writes for AAC
            audio.add(v.key(), audioBitrate, t.audioChunks(), t.audioEnd(), "\" FourCC=\"AACL\" SamplingRate=\"" + t.sampleRate()
                    + "\" Channels=\"" + t.channels() + "\" BitsPerSample=\"16\" PacketSize=\"4\" AudioTag=\"255\""
                    + privateData(t.audioPrivateData()));
            ism.append(track("audio", src, audioBitrate, t.audioTrackId()));
        }
    }

    /** One StreamIndex being built: its levels (one per bit rate), the chunk starts they share and where the last ends. */
    private static final class Stream {
        final String type;
        final Set<Long> bitrates = new LinkedHashSet<>();
        final StringBuilder levels = new StringBuilder();
        List<Long> chunks;
        String chunksOf;
        long end;

        Stream(String type) {
            this.type = type;
        }

        /** Whether a track with these fragment starts can be a level here. */
        boolean fits(List<Long> ownChunks) {
            return !ownChunks.isEmpty() && (chunks == null || chunks.equals(ownChunks));
        }

        void add(String key, long bitrate, List<Long> ownChunks, long ownEnd, String attributes) {
            if (ownChunks.isEmpty()) {
                throw manifestError("the " + type + " of " + key + " has no fragment index to list its chunks from");
            }
            if (chunks == null) {
                chunks = ownChunks;
                chunksOf = key;
            } else if (!chunks.equals(ownChunks)) {
                throw manifestError("the " + type + " fragments of " + key + " start at other times than those of " + chunksOf
                        + "; every " + type + " level of a Smooth playlist needs the same fragments");
            }
            levels.append("    <QualityLevel Index=\"").append(bitrates.size()).append("\" Bitrate=\"").append(bitrate)
                    .append(attributes).append("/>\n");
            bitrates.add(bitrate);
            end = Math.max(end, ownEnd);
        }

        /** The StreamIndex: its QualityLevels, then one {@code c} per chunk, the last running to the end of its tracks. */
        String streamIndex() {
            StringBuilder index = new StringBuilder("  <StreamIndex Type=\"").append(type).append("\" Name=\"").append(type)
                    .append("\" QualityLevels=\"").append(bitrates.size()).append("\" Chunks=\"").append(chunks.size())
                    .append("\" Url=\"QualityLevels({bitrate})/Fragments(").append(type).append("={start time})\">\n").append(levels);
            for (int i = 0; i < chunks.size(); i++) {
                long stop = i + 1 < chunks.size() ? chunks.get(i + 1) : Math.max(end, chunks.get(i));
                index.append(String.format(Locale.ROOT, "    <c t=\"%d\" d=\"%d\"/>%n", chunks.get(i), stop - chunks.get(i)));
            }
            return index.append("  </StreamIndex>\n").toString();
        }
    }

    /** A server manifest entry: one track of a fragmented file, found by its id as IIS does. */
    private static String track(String type, String src, long bitrate, int trackId) {
        StringBuilder e = new StringBuilder("      <").append(type).append(" src=\"").append(src).append("\" systemBitrate=\"")
                .append(bitrate).append('"');
        if (trackId <= 0) {
            return e.append("/>\n").toString();
        }
        return e.append(">\n        <param name=\"trackID\" value=\"").append(trackId).append("\" valuetype=\"data\"/>\n      </")
                .append(type).append(">\n").toString();
    }

    private static String privateData(String hex) {
        return hex == null ? "" : " CodecPrivateData=\"" + hex + "\"";
    }

    private static TranscodeException manifestError(String why) {
        return new TranscodeException("4015", "Elastic Transcoder could not generate a manifest file: " + why);
    }
}
