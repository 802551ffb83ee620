package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Master playlists over a job's segmented outputs: HLSv3 and HLSv4 {@code .m3u8} (HLSv4 puts
 * audio-only outputs in an audio rendition group the video variants refer to, as Elastic Transcoder
 * did), MPEG-DASH {@code .mpd} (the outputs' own manifests merged into one period), and Smooth's
 * server {@code .ism} and client {@code .ismc} manifests.
 */
final class Playlists {

    private Playlists() {
    }

    /** One output a playlist names: its key, the variant manifest (or fragmented file) key and what it measured. */
    record Variant(String key, String manifestKey, Path manifest, MediaInfo media, boolean video, boolean audio,
                   String videoCodec, String audioCodec, String h264Profile, String h264Level,
                   Ffprobe.SmoothTracks smooth) {

        long bandwidth() {
            double seconds = Math.max(0.001, media.durationMillis() / 1000.0);
            return Math.max(1, Math.round(media.fileSize() * 8 / seconds));
        }
    }

    static ProducedFile hls(String name, String format, List<Variant> variants, Path outDir) {
        boolean v4 = "HLSv4".equals(format);
        StringBuilder m = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(v4 ? 4 : 3).append('\n');
        boolean audioGroup = v4 && variants.stream().anyMatch(v -> !v.video()) && variants.stream().anyMatch(Variant::video);
        if (audioGroup) {
            boolean first = true;
            for (Variant v : variants) {
                if (!v.video()) {
                    m.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"").append(Path.of(v.key()).getFileName())
                            .append("\",DEFAULT=").append(first ? "YES" : "NO").append(",AUTOSELECT=YES,URI=\"")
                            .append(relative(name, v.manifestKey())).append("\"\n");
                    first = false;
                }
            }
        }
        for (Variant v : variants) {
            if (audioGroup && !v.video()) {
                continue;
            }
            m.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth());
            if (v.media().width() != null) {
                m.append(",RESOLUTION=").append(v.media().width()).append('x').append(v.media().height());
            }
            String codecs = codecs(v);
            if (!codecs.isEmpty()) {
                m.append(",CODECS=\"").append(codecs).append('"');
            }
            if (audioGroup) {
                m.append(",AUDIO=\"audio\"");
            }
            m.append('\n').append(relative(name, v.manifestKey())).append('\n');
        }
        return write(outDir, name + ".m3u8", m.toString(), "application/x-mpegURL");
    }

    /** One MPD whose period holds every output's adaptation sets, their segment paths made relative to it. */
    static ProducedFile dash(String name, List<Variant> variants, Path outDir) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document master = null;
            Element period = null;
            int setId = 0;
            for (Variant v : variants) {
                Document doc = factory.newDocumentBuilder().parse(v.manifest().toFile());
                String prefix = relativeDir(name, v.manifestKey());
                NodeList templates = doc.getElementsByTagNameNS("*", "SegmentTemplate");
                for (int i = 0; i < templates.getLength(); i++) {
                    Element t = (Element) templates.item(i);
                    for (String attr : List.of("initialization", "media")) {
                        if (t.hasAttribute(attr)) {
                            t.setAttribute(attr, prefix + t.getAttribute(attr));
                        }
                    }
                }
                NodeList reps = doc.getElementsByTagNameNS("*", "Representation");
                for (int i = 0; i < reps.getLength(); i++) {
                    Element r = (Element) reps.item(i);
                    r.setAttribute("id", setId + "-" + r.getAttribute("id"));
                }
                if (master == null) {
                    master = doc;
                    period = (Element) doc.getElementsByTagNameNS("*", "Period").item(0);
                    NodeList sets = period.getElementsByTagNameNS("*", "AdaptationSet");
                    for (int i = 0; i < sets.getLength(); i++) {
                        ((Element) sets.item(i)).setAttribute("id", String.valueOf(setId++));
                    }
                    continue;
                }
                NodeList sets = doc.getElementsByTagNameNS("*", "AdaptationSet");
                for (int i = 0; i < sets.getLength(); i++) {
                    Node copy = master.importNode(sets.item(i), true);
                    ((Element) copy).setAttribute("id", String.valueOf(setId++));
                    period.appendChild(copy);
                }
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            var out = new java.io.StringWriter();
            transformer.transform(new DOMSource(master), new StreamResult(out));
            return write(outDir, name + ".mpd", out.toString(), "application/dash+xml");
        } catch (Exception e) {
            throw new TranscodeException("4015", "Elastic Transcoder could not generate a manifest file: " + e.getMessage());
        }
    }

    /**
     * Smooth's server manifest (SMIL naming each track of each fragmented file) and client manifest: a video
     * StreamIndex with one QualityLevel per video output, and an audio StreamIndex with the audio-only outputs
     * and the audio tracks of the video outputs (one QualityLevel per bit rate: clients ask for fragments by
     * bit rate), each with its chunks from the first such track's fragment index.
     */
    static List<ProducedFile> smooth(String name, List<Variant> variants, Path outDir) {
        StringBuilder ism = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<smil xmlns=\"http://www.w3.org/2001/SMIL20/Language\">\n")
                .append("  <head>\n    <meta name=\"clientManifestRelativePath\" content=\"")
                .append(Path.of(name).getFileName()).append(".ismc\"/>\n  </head>\n  <body>\n    <switch>\n");
        long duration = 0;
        StringBuilder videoLevels = new StringBuilder();
        StringBuilder audioLevels = new StringBuilder();
        int videoIndex = 0;
        Set<Long> audioBitrates = new LinkedHashSet<>();
        List<Long> videoChunks = null;
        List<Long> audioChunks = null;
        for (Variant v : variants) {
            duration = Math.max(duration, v.media().durationMillis() * 10_000);
        }
        for (Variant v : variants) {
            String src = relative(name, v.manifestKey());
            Ffprobe.SmoothTracks t = v.smooth();
            if (v.video()) {
                ism.append(track("video", src, v.bandwidth(), t == null ? 0 : t.videoTrackId()));
                videoLevels.append("    <QualityLevel Index=\"").append(videoIndex++).append("\" Bitrate=\"").append(v.bandwidth())
                        .append("\" FourCC=\"H264\" MaxWidth=\"").append(v.media().width()).append("\" MaxHeight=\"")
                        .append(v.media().height()).append("\"").append(privateData(t == null ? null : t.videoPrivateData()))
                        .append("/>\n");
                if (videoChunks == null && t != null) {
                    videoChunks = t.videoChunks();
                }
            }
            if (!v.audio()) {
                continue;
            }
            long bitrate = t != null && t.audioBitRate() > 0 ? t.audioBitRate() : v.bandwidth();
            ism.append(track("audio", src, bitrate, t == null ? 0 : t.audioTrackId()));
            if (audioBitrates.add(bitrate)) {
                audioLevels.append(audioLevel(audioBitrates.size() - 1, bitrate, t));
                if (audioChunks == null && t != null) {
                    audioChunks = t.audioChunks();
                }
            }
        }
        ism.append("    </switch>\n  </body>\n</smil>\n");
        StringBuilder ismc = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SmoothStreamingMedia MajorVersion=\"2\" MinorVersion=\"0\" TimeScale=\"10000000\" Duration=\"")
                .append(duration).append("\">\n");
        if (videoIndex > 0) {
            ismc.append(streamIndex("video", videoIndex, videoLevels, videoChunks, duration));
        }
        if (!audioBitrates.isEmpty()) {
            ismc.append(streamIndex("audio", audioBitrates.size(), audioLevels, audioChunks, duration));
        }
        ismc.append("</SmoothStreamingMedia>\n");
        return List.of(write(outDir, name + ".ism", ism.toString(), "application/vnd.ms-sstr+xml"),
                write(outDir, name + ".ismc", ismc.toString(), "application/vnd.ms-sstr+xml"));
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

    /** An AAC QualityLevel: AudioTag 255 is AAC; 16-bit samples and 4-byte packets as IIS writes for AAC. */
    private static String audioLevel(int index, long bitrate, Ffprobe.SmoothTracks t) {
        StringBuilder level = new StringBuilder("    <QualityLevel Index=\"").append(index).append("\" Bitrate=\"").append(bitrate)
                .append("\" FourCC=\"AACL\"");
        if (t != null) {
            level.append(" SamplingRate=\"").append(t.sampleRate()).append("\" Channels=\"").append(t.channels())
                    .append("\" BitsPerSample=\"16\" PacketSize=\"4\" AudioTag=\"255\"").append(privateData(t.audioPrivateData()));
        }
        return level.append("/>\n").toString();
    }

    /** A client manifest StreamIndex: its QualityLevels, then one {@code c} per chunk (the last runs to the end). */
    private static String streamIndex(String type, int levels, CharSequence qualityLevels, List<Long> chunks, long duration) {
        List<Long> starts = chunks == null ? List.of() : chunks;
        StringBuilder index = new StringBuilder("  <StreamIndex Type=\"").append(type).append("\" Name=\"").append(type)
                .append("\" QualityLevels=\"").append(levels).append("\" Chunks=\"").append(starts.size())
                .append("\" Url=\"QualityLevels({bitrate})/Fragments(").append(type).append("={start time})\">\n").append(qualityLevels);
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : Math.max(duration, starts.get(i));
            index.append(String.format(Locale.ROOT, "    <c t=\"%d\" d=\"%d\"/>%n", starts.get(i), end - starts.get(i)));
        }
        return index.append("  </StreamIndex>\n").toString();
    }

    private static String privateData(String hex) {
        return hex == null ? "" : " CodecPrivateData=\"" + hex + "\"";
    }

    /** RFC 6381 codec strings: avc1.PPCCLL from the preset's H.264 profile and level, mp4a.40.2 for AAC-LC. */
    private static String codecs(Variant v) {
        List<String> c = new ArrayList<>();
        if (v.video() && "h264".equals(v.videoCodec())) {
            String profile = switch (v.h264Profile() == null ? "main" : v.h264Profile()) {
                case "baseline" -> "42e0";
                case "high" -> "6400";
                default -> "4d40";
            };
            int level = 31;
            if (v.h264Level() != null) {
                try {
                    level = (int) Math.round(Double.parseDouble(v.h264Level()) * 10);
                } catch (NumberFormatException ignored) {
                    // keep 3.1
                }
            }
            c.add(String.format(Locale.ROOT, "avc1.%s%02x", profile, level));
        }
        if (v.audio() && "aac".equals(v.audioCodec())) {
            c.add("mp4a.40.2");
        }
        return String.join(",", c);
    }

    /** A key's path as seen from the directory of the playlist named {@code name} (keys use '/'). */
    static String relative(String name, String key) {
        Path from = Path.of(name).getParent();
        return (from == null ? Path.of(key) : from.relativize(Path.of(key))).toString();
    }

    private static String relativeDir(String name, String key) {
        Path parent = Path.of(relative(name, key)).getParent();
        return parent == null ? "" : parent + "/";
    }

    private static ProducedFile write(Path outDir, String key, String text, String contentType) {
        Path file = Keys.file(outDir, key);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProducedFile(key, file, contentType, ProducedFile.Kind.PLAYLIST);
    }
}
