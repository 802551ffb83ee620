package io.haneul.transcoder.ffmpeg;

import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.TranscodeException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Smooth manifests over outputs described by hand: one chunk list per StreamIndex, true for every level it names. */
class SmoothPlaylistTest {

    private static final List<Long> ONE_SECOND = List.of(0L, 10_000_000L, 20_000_000L);

    @Test
    void audioOnlyOutputsWhoseFragmentsStartElsewhereFailThePlaylist() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> SmoothPlaylist.manifests("s/index", "index.ismc",
                List.of(audio("s/64k", 64_000, ONE_SECOND), audio("s/160k", 160_000, List.of(0L, 10_026_667L, 20_053_333L)))));
        assertEquals("4015", e.code());
        assertTrue(e.getMessage().contains("the audio fragments of s/160k start at other times than those of s/64k"), e.getMessage());
    }

    @Test
    void aVideoOutputsAudioFragmentedElsewhereThanTheAudioOnlyOutputIsLeftOut() throws Exception {
        List<Long> audioOnly = List.of(0L, 9_813_333L, 19_840_000L);
        List<String> texts = SmoothPlaylist.manifests("s/index", "index.ismc",
                List.of(video("s/400k", 400_000, ONE_SECOND, List.of(0L, 9_386_667L, 19_413_333L)), audio("s/audio", 64_000, audioOnly)));
        assertEquals(List.of("audio.isma@64000"), tracks(parse(texts.get(0)), "audio"));
        Document ismc = parse(texts.get(1));
        assertEquals(List.of("0+9813333", "9813333+10026667", "19840000+5160000"), chunks(ismc, 1));
        assertEquals("1", ((Element) ismc.getElementsByTagName("StreamIndex").item(1)).getAttribute("QualityLevels"));
    }

    @Test
    void videoLevelsWhoseFragmentsStartElsewhereFailThePlaylist() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> SmoothPlaylist.manifests("s/index", "index.ismc",
                List.of(video("s/400k", 400_000, ONE_SECOND, ONE_SECOND), video("s/800k", 800_000, List.of(0L, 20_000_000L), ONE_SECOND))));
        assertTrue(e.getMessage().contains("the video fragments of s/800k"), e.getMessage());
    }

    @Test
    void aTrackWithoutAFragmentIndexFailsThePlaylistInsteadOfListingNoChunks() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> SmoothPlaylist.manifests("s/index", "index.ismc",
                List.of(video("s/400k", 400_000, List.of(), List.of()))));
        assertEquals("4015", e.code());
        assertTrue(e.getMessage().contains("has no fragment index"), e.getMessage());
    }

    @Test
    void eachTrackTypeNamesABitRateOnceAndItsLastChunkEndsWithItsOwnTracks() throws Exception {
        // both video outputs measure 400 kb/s and carry 128k audio; the audio runs 0.3 s past the video
        List<String> texts = SmoothPlaylist.manifests("s/index", "index.ismc", List.of(video("s/a", 400_000, ONE_SECOND, ONE_SECOND),
                video("s/b", 400_000, ONE_SECOND, ONE_SECOND), audio("s/audio", 64_000, ONE_SECOND)));
        Document ism = parse(texts.get(0));
        assertEquals(List.of("a.ismv@400000", "b.ismv@400001"), tracks(ism, "video"));
        assertEquals(List.of("audio.isma@64000", "a.ismv@128000"), tracks(ism, "audio"));
        Document ismc = parse(texts.get(1));
        assertEquals("25000000", ismc.getDocumentElement().getAttribute("Duration"));
        assertEquals(List.of("0+10000000", "10000000+10000000", "20000000+2000000"), chunks(ismc, 0));
        assertEquals(List.of("0+10000000", "10000000+10000000", "20000000+5000000"), chunks(ismc, 1));
        assertEquals("2", ((Element) ismc.getElementsByTagName("StreamIndex").item(1)).getAttribute("QualityLevels"));
    }

    private static Playlists.Variant video(String key, long bitsPerSecond, List<Long> videoChunks, List<Long> audioChunks) {
        MediaInfo media = new MediaInfo(2500, 640, 360, "30", bitsPerSecond * 25 / 80, "mp4", "h264", "aac", 0);
        return new Playlists.Variant(key, key + ".ismv", Path.of(key + ".ismv"), media, true, true, "h264", "aac", null, null,
                new Ffprobe.SmoothTracks("00", "1190", 48000, 2, 128_000, 1, 2, videoChunks, audioChunks, 22_000_000, 25_000_000));
    }

    private static Playlists.Variant audio(String key, long bitsPerSecond, List<Long> chunks) {
        MediaInfo media = new MediaInfo(2500, null, null, null, bitsPerSecond * 25 / 80, "mp4", null, "aac", 0);
        return new Playlists.Variant(key, key + ".isma", Path.of(key + ".isma"), media, false, true, null, "aac", null, null,
                new Ffprobe.SmoothTracks(null, "1190", 48000, 2, bitsPerSecond, 0, 1, List.of(), chunks, 0, 25_000_000));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> tracks(Document ism, String type) {
        List<String> tracks = new ArrayList<>();
        NodeList elements = ism.getElementsByTagName(type);
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            tracks.add(e.getAttribute("src") + "@" + e.getAttribute("systemBitrate"));
        }
        return tracks;
    }

    private static List<String> chunks(Document ismc, int streamIndex) {
        NodeList cs = ((Element) ismc.getElementsByTagName("StreamIndex").item(streamIndex)).getElementsByTagName("c");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            out.add(c.getAttribute("t") + "+" + c.getAttribute("d"));
        }
        return out;
    }
}
