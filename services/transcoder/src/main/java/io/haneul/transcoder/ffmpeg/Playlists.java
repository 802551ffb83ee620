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
import java.util.List;
import java.util.Locale;

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

    /** Smooth's server {@code .ism} and client {@code .ismc} manifests (see {@link SmoothPlaylist}). */
    static List<ProducedFile> smooth(String name, List<Variant> variants, Path outDir) {
        List<String> texts = SmoothPlaylist.manifests(name, Path.of(name).getFileName() + ".ismc", variants);
        return List.of(write(outDir, name + ".ism", texts.get(0), "application/vnd.ms-sstr+xml"),
                write(outDir, name + ".ismc", texts.get(1), "application/vnd.ms-sstr+xml"));
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
