package io.haneul.transcoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.transcoder.engine.MediaInfo;
import io.haneul.transcoder.engine.ProducedFile;
import io.haneul.transcoder.engine.TranscodeException;
import io.haneul.transcoder.engine.TranscodeJob;
import io.haneul.transcoder.engine.TranscodeResult;
import io.haneul.transcoder.presets.SystemPresets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.elastictranscoder.model.Artwork;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionFormat;
import software.amazon.awssdk.services.elastictranscoder.model.CaptionSource;
import software.amazon.awssdk.services.elastictranscoder.model.Captions;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobOutput;
import software.amazon.awssdk.services.elastictranscoder.model.CreateJobPlaylist;
import software.amazon.awssdk.services.elastictranscoder.model.HlsContentProtection;
import software.amazon.awssdk.services.elastictranscoder.model.InputCaptions;
import software.amazon.awssdk.services.elastictranscoder.model.JobAlbumArt;
import software.amazon.awssdk.services.elastictranscoder.model.JobInput;
import software.amazon.awssdk.services.elastictranscoder.model.JobWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.elastictranscoder.model.PresetWatermark;
import software.amazon.awssdk.services.elastictranscoder.model.TimeSpan;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real transcodes through system presets of media FFmpeg generates itself (a test pattern with a
 * sine tone, 3 s at 320x240), every output checked with ffprobe.
 */
class FfmpegEngineTest {

    private static final BundledFfmpeg TOOLS = new BundledFfmpeg();
    private static final SystemPresets PRESETS = new SystemPresets();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path media;
    @TempDir
    Path work;

    private final FfmpegEngine engine = new FfmpegEngine(TOOLS);

    @BeforeAll
    static void generateMedia() throws Exception {
        ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=3", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=3", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", media.resolve("in.mp4").toString());
        ffmpeg("-display_rotation", "90", "-i", media.resolve("in.mp4").toString(), "-c", "copy",
                media.resolve("rotated.mp4").toString());
        ffmpeg("-f", "lavfi", "-i", "color=c=red:s=40x40", "-frames:v", "1", media.resolve("wm.png").toString());
        Files.writeString(media.resolve("en.srt"), "1\n00:00:00,500 --> 00:00:02,000\nHello captions\n\n");
        Files.writeString(media.resolve("bad.mp4"), "this is not media at all");
    }

    @Test
    void generic720pMakesH264AacMp4WithThumbnailsAndMeasuresIt() throws Exception {
        TranscodeResult r = run(job(List.of(input("in.mp4")), List.of(output("out/720p.mp4", "1351620000001-000010")
                .thumbnailPattern("thumbs/t-{resolution}-{count}").build())));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        MediaInfo m = out.media();
        assertEquals(320, m.width());
        assertEquals(240, m.height());
        assertEquals("29.97", m.frameRate());
        assertEquals("h264", m.videoCodec());
        assertEquals("aac", m.audioCodec());
        assertEquals(3000, m.durationMillis(), 150);
        assertEquals(320, r.input().width());
        ProducedFile mp4 = file(out, ProducedFile.Kind.MEDIA, "out/720p.mp4");
        assertEquals("video/mp4", mp4.contentType());
        assertEquals(Files.size(mp4.file()), m.fileSize());
        JsonNode v = stream(mp4.file(), "video");
        assertEquals("Constrained Baseline", v.path("profile").asText());
        assertEquals(31, v.path("level").asInt());
        JsonNode a = stream(mp4.file(), "audio");
        assertEquals(44100, a.path("sample_rate").asInt());
        assertEquals(2, a.path("channels").asInt());
        ProducedFile thumb = file(out, ProducedFile.Kind.THUMBNAIL, "thumbs/t-144x108-00001.png");
        assertEquals("png", stream(thumb.file(), "video").path("codec_name").asText());
        assertEquals(144, stream(thumb.file(), "video").path("width").asInt()); // 192x108 box, 4:3 input
    }

    @Test
    void audioMp3HasItsBitRateAndAlbumArt() throws Exception {
        CreateJobOutput o = output("song.mp3", "1351620000001-300040").albumArt(JobAlbumArt.builder().mergePolicy("Replace")
                .artwork(Artwork.builder().inputKey("wm.png").albumArtFormat("jpg").maxWidth("32").maxHeight("32").build())
                .build()).build();
        TranscodeResult r = run(job(List.of(input("in.mp4")), List.of(o)));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        Path mp3 = file(out, ProducedFile.Kind.MEDIA, "song.mp3").file();
        JsonNode a = stream(mp3, "audio");
        assertEquals("mp3", a.path("codec_name").asText());
        assertEquals(128_000, a.path("bit_rate").asInt(), 128_000 * 0.05);
        JsonNode art = stream(mp3, "video");
        assertEquals("mjpeg", art.path("codec_name").asText());
        assertEquals(1, art.path("disposition").path("attached_pic").asInt());
        assertNull(out.media().width());
    }

    @Test
    void oneChannelPerTrackPacksMonoTracksAndMosPadsToEight() throws Exception {
        Preset base = PRESETS.byId("1351620000001-100130").orElseThrow();
        Preset perTrack = base.toBuilder().audio(base.audio().toBuilder().audioPackingMode("OneChannelPerTrack").build()).build();
        Preset mos = base.toBuilder().audio(base.audio().toBuilder().audioPackingMode("OneChannelPerTrackWithMosTo8Tracks").build()).build();
        TranscodeJob job = new TranscodeJob(List.of(input("in.mp4")), List.of(
                new TranscodeJob.Output(output("pt.mp4", null).build(), perTrack),
                new TranscodeJob.Output(output("mos.mp4", null).build(), mos)), List.of(), Map.of());
        TranscodeResult r = run(job);
        assertFalse(r.outputs().get(0).failed(), r.outputs().get(0).errorMessage());
        assertEquals(List.of(1, 1), channels(r.outputs().get(0).files().getFirst().file()));
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1), channels(r.outputs().get(1).files().getFirst().file()));
    }

    @Test
    void anInterlacedInputIsDeinterlacedForAProgressivePresetAndInterlacedPresetsStayInterlaced() throws Exception {
        Path interlaced = media.resolve("interlaced.mp4");
        // frames alternately black and white woven into fields: every other line differs by the full range
        ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:r=30:d=2,format=yuv420p,geq=lum='if(mod(N,2),235,16)':cb=128:cr=128",
                "-vf", "interlace", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "5",
                "-flags", "+ildct+ilme", "-x264-params", "tff=1", interlaced.toString());
        assertEquals("tt", stream(interlaced, "video").path("field_order").asText());
        TranscodeResult r = run(new TranscodeJob(List.of(new TranscodeJob.Input(JobInput.builder().key("i.mp4")
                .interlaced("auto").build(), interlaced)), resolve(List.of(output("p.mp4", "1351620000001-000061").build(),
                output("i.mp4", "1351620000001-100190").build())), List.of(), Map.of()));
        assertEquals("progressive", stream(r.outputs().get(0).files().getFirst().file(), "video").path("field_order").asText());
        // the pictures themselves: the input's lines alternate, the deinterlaced output's do not
        assertTrue(comb(interlaced) > 150, "input comb " + comb(interlaced));
        assertTrue(comb(r.outputs().get(0).files().getFirst().file()) < 60,
                "output comb " + comb(r.outputs().get(0).files().getFirst().file()));
        assertEquals("tt", stream(r.outputs().get(1).files().getFirst().file(), "video").path("field_order").asText());
    }

    @Test
    void webmVp8WithVorbis() throws Exception {
        TranscodeResult r = run(job(List.of(input("in.mp4")), List.of(output("w.webm", "1351620000001-100240").build())));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        assertEquals("vp8", out.media().videoCodec());
        assertEquals("vorbis", out.media().audioCodec());
        assertEquals("video/webm", file(out, ProducedFile.Kind.MEDIA, "w.webm").contentType());
    }

    @Test
    void hlsV3OutputsAreSegmentedAndTheMasterPlaylistNamesThem() throws Exception {
        List<CreateJobOutput> outputs = List.of(
                output("hls/2m", "1351620000001-200010").segmentDuration("1").build(),
                output("hls/a64", "1351620000001-200071").segmentDuration("1").build());
        CreateJobPlaylist playlist = CreateJobPlaylist.builder().name("hls/master").format("HLSv3")
                .outputKeys("hls/2m", "hls/a64").build();
        TranscodeResult r = run(new TranscodeJob(List.of(input("in.mp4")), resolve(outputs), List.of(playlist), Map.of()));
        TranscodeResult.OutputResult video = r.outputs().getFirst();
        assertFalse(video.failed(), video.errorMessage());
        long segments = video.files().stream().filter(f -> f.kind() == ProducedFile.Kind.SEGMENT).count();
        assertEquals(3, segments, video.files().toString());
        assertTrue(video.files().stream().anyMatch(f -> f.key().equals("hls/2m00000.ts")));
        String variant = Files.readString(file(video, ProducedFile.Kind.PLAYLIST, "hls/2m.m3u8").file());
        assertTrue(variant.contains("#EXT-X-ENDLIST"));
        assertEquals(3, variant.lines().filter(l -> l.endsWith(".ts")).count());
        assertEquals(3000, video.media().durationMillis(), 200);
        assertEquals("h264", video.media().videoCodec());
        TranscodeResult.PlaylistResult p = r.playlists().getFirst();
        assertFalse(p.failed(), p.errorMessage());
        ProducedFile master = p.files().getFirst();
        assertEquals("hls/master.m3u8", master.key());
        List<String> lines = Files.readAllLines(master.file());
        assertEquals("#EXTM3U", lines.getFirst());
        assertTrue(lines.contains("2m.m3u8"), lines.toString());
        assertTrue(lines.contains("a64.m3u8"), lines.toString());
        // HLS v3 2M: H.264 Main 3.1 with AAC-LC
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#EXT-X-STREAM-INF:BANDWIDTH=") && l.contains("RESOLUTION=320x240")
                && l.contains("CODECS=\"avc1.4d401f,mp4a.40.2\"")), lines.toString());
    }

    @Test
    void hlsV4UsesByteRangesAndAnAudioGroup() throws Exception {
        List<CreateJobOutput> outputs = List.of(
                output("v4/v", "1351620000001-200055").segmentDuration("1").build(),
                output("v4/a", "1351620000001-200071").segmentDuration("1").build());
        CreateJobPlaylist playlist = CreateJobPlaylist.builder().name("v4/index").format("HLSv4").outputKeys("v4/v", "v4/a").build();
        TranscodeResult r = run(new TranscodeJob(List.of(input("in.mp4")), resolve(outputs), List.of(playlist), Map.of()));
        TranscodeResult.OutputResult video = r.outputs().getFirst();
        assertFalse(video.failed(), video.errorMessage());
        file(video, ProducedFile.Kind.SEGMENT, "v4/v.ts");
        String variant = Files.readString(file(video, ProducedFile.Kind.PLAYLIST, "v4/v_v4.m3u8").file());
        assertTrue(variant.contains("#EXT-X-BYTERANGE:"), variant);
        assertNull(video.media().audioCodec());
        String master = Files.readString(r.playlists().getFirst().files().getFirst().file());
        assertTrue(master.contains("#EXT-X-VERSION:4"), master);
        assertTrue(master.contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\"") && master.contains("URI=\"a_v4.m3u8\""), master);
        assertTrue(master.contains("AUDIO=\"audio\"\nv_v4.m3u8"), master);
    }

    @Test
    void smoothOutputIsAFragmentedIsmvWithServerAndClientManifests() throws Exception {
        Preset smoothAudio = Preset.builder().id("custom-smooth-audio").container("fmp4").audio(a -> a.codec("AAC").sampleRate("48000")
                .bitRate("64").channels("2").codecOptions(o -> o.profile("AAC-LC"))).build();
        List<TranscodeJob.Output> outputs = new ArrayList<>(resolve(List.of(output("s/400k", "1351620000001-400080").segmentDuration("1").build(),
                output("s/800k", "1351620000001-400050").segmentDuration("1").build())));
        outputs.add(new TranscodeJob.Output(output("s/audio", "custom-smooth-audio").segmentDuration("1").build(), smoothAudio));
        TranscodeResult r = run(new TranscodeJob(List.of(input("in.mp4")), outputs,
                List.of(CreateJobPlaylist.builder().name("s/index").format("Smooth").outputKeys("s/400k", "s/800k", "s/audio").build(),
                        CreateJobPlaylist.builder().name("s/video").format("Smooth").outputKeys("s/400k", "s/800k").build()),
                Map.of()));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        assertEquals("h264", stream(file(out, ProducedFile.Kind.MEDIA, "s/400k.ismv").file(), "video").path("codec_name").asText());
        TranscodeResult.PlaylistResult p = r.playlists().getFirst();
        assertFalse(p.failed(), p.errorMessage());
        Document ism = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.files().get(0).file().toFile());
        assertEquals("400k.ismv", element(ism, "video", 0).getAttribute("src"));
        // the audio levels: the .isma's 64k sets the chunks; FFmpeg cuts the .ismv files' audio where their video's
        // keyframes fall, elsewhere, so their 128k tracks are left out rather than listed with fragments they lack
        assertEquals(List.of("audio.isma#1"), tracks(ism, "audio"));
        Document ismc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.files().get(1).file().toFile());
        assertEquals("SmoothStreamingMedia", ismc.getDocumentElement().getTagName());
        org.w3c.dom.Element videoIndex = streamIndex(ismc, "video");
        assertEquals("2", videoIndex.getAttribute("QualityLevels"));
        assertEquals("3", videoIndex.getAttribute("Chunks"));
        assertEquals(3, videoIndex.getElementsByTagName("c").getLength());
        // the decoder's set-up from the encoded streams: H.264 SPS (NAL type 7) and PPS (8) in Annex B, AAC's AudioSpecificConfig
        String avc = ((org.w3c.dom.Element) videoIndex.getElementsByTagName("QualityLevel").item(0)).getAttribute("CodecPrivateData");
        assertTrue(avc.startsWith("0000000167") && avc.indexOf("0000000168") > 10, avc);

        org.w3c.dom.Element audioIndex = streamIndex(ismc, "audio");
        assertEquals("1", audioIndex.getAttribute("QualityLevels"));
        assertEquals("QualityLevels({bitrate})/Fragments(audio={start time})", audioIndex.getAttribute("Url"));
        org.w3c.dom.Element audioOnly = (org.w3c.dom.Element) audioIndex.getElementsByTagName("QualityLevel").item(0);
        assertEquals("64000", audioOnly.getAttribute("Bitrate"));
        assertTrue(audioOnly.getAttribute("CodecPrivateData").startsWith("1190"), audioOnly.getAttribute("CodecPrivateData"));
        // the .isma's fragments as its index lists them, about a second each; the audio runs a little past the
        // video, so there may be one more than the video has
        org.w3c.dom.NodeList chunks = audioIndex.getElementsByTagName("c");
        assertEquals(audioIndex.getAttribute("Chunks"), String.valueOf(chunks.getLength()));
        assertTrue(chunks.getLength() == 3 || chunks.getLength() == 4, "chunks: " + chunks.getLength());
        long next = 0;
        for (int i = 0; i < chunks.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) chunks.item(i);
            assertEquals(next, Long.parseLong(c.getAttribute("t")), "chunk " + i); // each starts where the last ended
            next = Long.parseLong(c.getAttribute("t")) + Long.parseLong(c.getAttribute("d"));
            assertTrue(Long.parseLong(c.getAttribute("d")) > 0 && Long.parseLong(c.getAttribute("d")) <= 11_000_000, "chunk " + i);
        }
        assertTrue(Long.parseLong(((org.w3c.dom.Element) chunks.item(1)).getAttribute("t")) > 8_000_000, "1 s fragments");
        assertEquals(Long.parseLong(ismc.getDocumentElement().getAttribute("Duration")), next);
        assertTracksHaveTheChunksFragments(ism, ismc, p.files().get(0).file().getParent());

        // without an audio-only output the video outputs' audio is the level (128k each: one level, as clients ask by bit rate)
        TranscodeResult.PlaylistResult videoOnly = r.playlists().get(1);
        assertFalse(videoOnly.failed(), videoOnly.errorMessage());
        Document ism2 = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(videoOnly.files().get(0).file().toFile());
        assertEquals(List.of("400k.ismv#2"), tracks(ism2, "audio"));
        Document ismc2 = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(videoOnly.files().get(1).file().toFile());
        org.w3c.dom.Element fromVideo = (org.w3c.dom.Element) streamIndex(ismc2, "audio").getElementsByTagName("QualityLevel").item(0);
        assertEquals("1", streamIndex(ismc2, "audio").getAttribute("QualityLevels"));
        assertEquals("128000", fromVideo.getAttribute("Bitrate"));
        assertEquals("AACL", fromVideo.getAttribute("FourCC"));
        assertEquals("255", fromVideo.getAttribute("AudioTag"));
        assertEquals("48000", fromVideo.getAttribute("SamplingRate"));
        assertEquals("2", fromVideo.getAttribute("Channels"));
        assertEquals("16", fromVideo.getAttribute("BitsPerSample"));
        assertEquals("4", fromVideo.getAttribute("PacketSize"));
        // AAC-LC (object type 2), 48 kHz (index 3), 2 channels: 00010 0011 0010 000 = 0x1190
        assertTrue(fromVideo.getAttribute("CodecPrivateData").startsWith("1190"), fromVideo.getAttribute("CodecPrivateData"));
        assertTracksHaveTheChunksFragments(ism2, ismc2, videoOnly.files().get(0).file().getParent());
    }

    /**
     * Every track the .ism names has its fragments where the .ismc's chunks of its type start (its fragment index
     * in 100 ns units), and no two tracks of a type share a bit rate.
     */
    private static void assertTracksHaveTheChunksFragments(Document ism, Document ismc, Path dir) throws Exception {
        for (String type : List.of("video", "audio")) {
            List<Long> starts = new ArrayList<>();
            org.w3c.dom.NodeList cs = streamIndex(ismc, type).getElementsByTagName("c");
            for (int i = 0; i < cs.getLength(); i++) {
                starts.add(Long.parseLong(((org.w3c.dom.Element) cs.item(i)).getAttribute("t")));
            }
            for (String track : tracks(ism, type)) {
                Path file = dir.resolve(track.substring(0, track.indexOf('#')));
                int id = Integer.parseInt(track.substring(track.indexOf('#') + 1));
                List<Long> own = Ffprobe.ticks(FragmentIndex.read(file).get(id), stream(file, type).path("time_base").asText());
                assertEquals(starts, own, track);
            }
            List<String> rates = new ArrayList<>();
            org.w3c.dom.NodeList entries = ism.getElementsByTagName(type);
            for (int i = 0; i < entries.getLength(); i++) {
                rates.add(((org.w3c.dom.Element) entries.item(i)).getAttribute("systemBitrate"));
            }
            assertEquals(rates.size(), new java.util.HashSet<>(rates).size(), type + " bit rates " + rates);
        }
    }

    @Test
    void hlsAes128WritesTheKeyAndAnEncryptedVariant() throws Exception {
        CreateJobPlaylist playlist = CreateJobPlaylist.builder().name("enc").format("HLSv3").outputKeys("a")
                .hlsContentProtection(HlsContentProtection.builder().method("aes-128").keyStoragePolicy("WithVariantPlaylists").build())
                .build();
        TranscodeResult r = run(new TranscodeJob(List.of(input("in.mp4")),
                resolve(List.of(output("a", "1351620000001-200071").segmentDuration("2").build())), List.of(playlist), Map.of()));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        ProducedFile key = file(out, ProducedFile.Kind.KEY, "a.key");
        assertEquals(16, Files.size(key.file()));
        String variant = Files.readString(file(out, ProducedFile.Kind.PLAYLIST, "a.m3u8").file());
        assertTrue(variant.contains("#EXT-X-KEY:METHOD=AES-128,URI=\"a.key\""), variant);
        assertEquals("aac", out.media().audioCodec());
        assertEquals(3000, out.media().durationMillis(), 200);
    }

    @Test
    void dashOutputsAndMasterManifest() throws Exception {
        List<CreateJobOutput> outputs = List.of(
                output("dash/v600", "1351620000001-500050").segmentDuration("1").build(),
                output("dash/a128", "1351620000001-500060").segmentDuration("1").build());
        CreateJobPlaylist playlist = CreateJobPlaylist.builder().name("dash/index").format("MPEG-DASH")
                .outputKeys("dash/v600", "dash/a128").build();
        TranscodeResult r = run(new TranscodeJob(List.of(input("in.mp4")), resolve(outputs), List.of(playlist), Map.of()));
        for (TranscodeResult.OutputResult o : r.outputs()) {
            assertFalse(o.failed(), o.errorMessage());
        }
        assertEquals(320, r.outputs().getFirst().media().width());
        assertTrue(r.outputs().getFirst().files().stream().filter(f -> f.kind() == ProducedFile.Kind.SEGMENT).count() >= 3);
        TranscodeResult.PlaylistResult p = r.playlists().getFirst();
        assertFalse(p.failed(), p.errorMessage());
        Document mpd = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.files().getFirst().file().toFile());
        assertEquals("MPD", mpd.getDocumentElement().getLocalName() == null ? mpd.getDocumentElement().getTagName()
                : mpd.getDocumentElement().getTagName());
        assertEquals(2, mpd.getElementsByTagName("AdaptationSet").getLength());
        String template = ((org.w3c.dom.Element) mpd.getElementsByTagName("SegmentTemplate").item(0)).getAttribute("media");
        assertTrue(template.startsWith("v600-"), template);
        assertEquals("dash/index.mpd", p.files().getFirst().key());
    }

    @Test
    void stitchedClipsLastAsLongAsTheirTimeSpans() throws Exception {
        JobInput first = JobInput.builder().key("in.mp4").timeSpan(TimeSpan.builder().startTime("0").duration("1.000").build()).build();
        JobInput second = JobInput.builder().key("in.mp4").timeSpan(TimeSpan.builder().startTime("00:00:01.500").build()).build();
        TranscodeResult r = run(new TranscodeJob(List.of(new TranscodeJob.Input(first, media.resolve("in.mp4")),
                new TranscodeJob.Input(second, media.resolve("in.mp4"))),
                resolve(List.of(output("s.mp4", "1351620000001-000061").build())), List.of(), Map.of()));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        assertEquals(2500, out.media().durationMillis(), 200);
        assertEquals("15", out.media().frameRate());
    }

    @Test
    void rotateTurnsThePictureAndAutoFollowsTheMetadata() throws Exception {
        TranscodeResult r = run(job(List.of(input("in.mp4")), List.of(output("r90.mp4", "1351620000001-000061").rotate("90").build())));
        // 240x320 once turned, then shrunk to fit the preset's 320x240
        assertEquals(180, r.outputs().getFirst().media().width());
        assertEquals(240, r.outputs().getFirst().media().height());
        TranscodeResult auto = run(job(List.of(input("rotated.mp4")), List.of(output("ra.mp4", "1351620000001-000061").rotate("auto").build())));
        assertEquals(270, auto.input().rotation());
        assertEquals(180, auto.outputs().getFirst().media().width());
        assertEquals(240, auto.outputs().getFirst().media().height());
    }

    @Test
    void watermarkIsDrawnWhereThePresetPlacesIt() throws Exception {
        Preset base = PRESETS.byId("1351620000001-000061").orElseThrow();
        Preset preset = base.toBuilder().video(base.video().toBuilder().watermarks(PresetWatermark.builder().id("BR")
                .horizontalAlign("Right").horizontalOffset("10px").verticalAlign("Bottom").verticalOffset("10%")
                .maxWidth("20%").maxHeight("20%").sizingPolicy("Fit").opacity("100").target("Content").build()).build()).build();
        CreateJobOutput o = output("wm.mp4", null).watermarks(JobWatermark.builder().presetWatermarkId("BR").inputKey("wm.png").build()).build();
        TranscodeJob job = new TranscodeJob(List.of(input("in.mp4")), List.of(new TranscodeJob.Output(o, preset)), List.of(),
                Map.of("wm.png", media.resolve("wm.png")));
        TranscodeResult r = run(job);
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        Path mp4 = out.files().getFirst().file();
        // 320x240, watermark 48x48 (20% of the height, Fit): right edge 10 px in, bottom edge 24 px up
        int[] inside = rgb(mp4, 320 - 10 - 24 - 4, 240 - 24 - 24 - 4);
        assertTrue(inside[0] > 200 && inside[1] < 60 && inside[2] < 60, java.util.Arrays.toString(inside));
        int[] outside = rgb(mp4, 320 - 10 - 48 - 20, 240 - 24 - 24 - 4);
        assertFalse(outside[0] > 200 && outside[1] < 60 && outside[2] < 60, java.util.Arrays.toString(outside));
    }

    @Test
    void captionsAsSidecarWebvttAndEmbeddedMovText() throws Exception {
        JobInput in = JobInput.builder().key("in.mp4").inputCaptions(InputCaptions.builder().mergePolicy("Override")
                .captionSources(CaptionSource.builder().key("en.srt").language("en").build()).build()).build();
        CreateJobOutput o = output("c.mp4", "1351620000001-000061").captions(Captions.builder().captionFormats(
                CaptionFormat.builder().format("webvtt").pattern("subs/c-{language}").build(),
                CaptionFormat.builder().format("mov-text").build()).build()).build();
        TranscodeResult r = run(new TranscodeJob(List.of(new TranscodeJob.Input(in, media.resolve("in.mp4"))), resolve(List.of(o)),
                List.of(), Map.of("en.srt", media.resolve("en.srt"))));
        TranscodeResult.OutputResult out = r.outputs().getFirst();
        assertFalse(out.failed(), out.errorMessage());
        String vtt = Files.readString(file(out, ProducedFile.Kind.CAPTION, "subs/c-en.vtt").file());
        assertTrue(vtt.startsWith("WEBVTT") && vtt.contains("Hello captions"), vtt);
        JsonNode sub = stream(file(out, ProducedFile.Kind.MEDIA, "c.mp4").file(), "subtitle");
        assertEquals("mov_text", sub.path("codec_name").asText());
        assertEquals("eng", sub.path("tags").path("language").asText());
    }

    @Test
    void unreadableInputIs4000AndAStartPastTheEndIs4014() {
        TranscodeException bad = assertThrows(TranscodeException.class, () -> engine.probe(media.resolve("bad.mp4")));
        assertEquals("4000", bad.code());
        JobInput late = JobInput.builder().key("in.mp4").timeSpan(TimeSpan.builder().startTime("10").build()).build();
        TranscodeException past = assertThrows(TranscodeException.class, () -> run(new TranscodeJob(
                List.of(new TranscodeJob.Input(late, media.resolve("in.mp4"))),
                resolve(List.of(output("x.mp4", "1351620000001-000061").build())), List.of(), Map.of())));
        assertEquals("4014", past.code());
        TranscodeResult escaping = run(job(List.of(input("in.mp4")), List.of(output("../../escape.mp4", "1351620000001-000061").build())));
        assertEquals("1000", escaping.outputs().getFirst().errorCode());
    }

    @Test
    void aFailedOutputDoesNotStopTheOthersAndFailsItsPlaylist() throws Exception {
        List<CreateJobOutput> outputs = List.of(
                output("bad", "1351620000001-200050").segmentDuration("1").watermarks(
                        JobWatermark.builder().presetWatermarkId("nope").inputKey("wm.png").build()).build(),
                output("ok.mp4", "1351620000001-000061").build());
        CreateJobPlaylist playlist = CreateJobPlaylist.builder().name("p").format("HLSv3").outputKeys("bad").build();
        List<Integer> progress = new ArrayList<>();
        TranscodeResult r = engine.transcode(new TranscodeJob(List.of(input("in.mp4")), resolve(outputs), List.of(playlist),
                Map.of("wm.png", media.resolve("wm.png"))), work, progress::add);
        assertEquals("1000", r.outputs().get(0).errorCode());
        assertTrue(r.outputs().get(0).errorMessage().contains("nope"), r.outputs().get(0).errorMessage());
        assertFalse(r.outputs().get(1).failed(), r.outputs().get(1).errorMessage());
        assertEquals("1001", r.playlists().getFirst().errorCode());
        assertEquals(99, progress.getLast()); // 100 is the runner's, once the files are written
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), progress.toString());
        }
    }

    /**
     * A run that writes thumbnails beside the output (one a minute, so one for this 3 s clip): ffmpeg's own
     * out_time_us follows the thumbnail stream and ends the run at its first frame, while the progress the job
     * reports follows the output's frames, rises and ends at the clip's length.
     */
    @Test
    void progressFollowsTheOutputWhenThumbnailsShareTheRun() throws Exception {
        CreateJobOutput settings = output("p.mp4", "1351620000001-000061").thumbnailPattern("pt-{count}").build();
        TranscodeJob job = job(List.of(input("in.mp4")), List.of(settings));
        Ffprobe ffprobe = new Ffprobe(TOOLS.ffprobe());
        OutputCommand.Source source = new OutputCommand.Source(job.inputs().getFirst(), ffprobe.probe(media.resolve("in.mp4")), 3);
        OutputCommand.Plan plan = OutputCommand.build(job, settings, job.outputs().getFirst().preset(), List.of(source),
                OutputLayout.FILE, work, null, ffprobe::probe);
        assertTrue(plan.thumbnailKeyPattern() != null);
        List<Long> outTime = new ArrayList<>();
        FfmpegProcess.run(TOOLS.ffmpeg(), plan.args(), work, ProgressReader.byOutTime(outTime::add), "4006");
        assertTrue(outTime.getLast() < 500_000, outTime.toString()); // stuck at the thumbnail's frame
        assertTrue(Files.isRegularFile(work.resolve("pt-00001.png")));

        List<Long> read = new ArrayList<>();
        FfmpegProcess.run(TOOLS.ffmpeg(), plan.args(), work, plan.progress(read::add), "4006");
        assertEquals(3_000_000, read.getLast(), 100_000, read.toString());
        for (int i = 1; i < read.size(); i++) {
            assertTrue(read.get(i) >= read.get(i - 1), read.toString());
        }
    }

    @Test
    void interruptionKillsFfmpegAndEndsAsCancelled() throws Exception {
        Path longInput = media.resolve("long.mp4");
        if (!Files.exists(longInput)) {
            ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=30:duration=120", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", longInput.toString());
        }
        Preset base = PRESETS.byId("1351620000001-000001").orElseThrow();
        Preset slow = base.toBuilder().video(base.video().toBuilder().sizingPolicy("Fit").build()).build();
        CreateJobOutput o = output("long.mp4", null).build();
        TranscodeJob job = new TranscodeJob(List.of(new TranscodeJob.Input(JobInput.builder().key("long.mp4").build(), longInput)),
                List.of(new TranscodeJob.Output(o, slow)), List.of(), Map.of());
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                engine.transcode(job, work, p -> started.countDown());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        started.await();
        long before = ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("ffmpeg")).count();
        assertTrue(before >= 1);
        t.interrupt();
        t.join();
        assertTrue(thrown.get() instanceof TranscodeException e && e.isCancelled(), String.valueOf(thrown.get()));
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("ffmpeg")).count());
    }

    // ---- helpers

    private TranscodeResult run(TranscodeJob job) {
        return engine.transcode(job, work.resolve(String.valueOf(System.nanoTime())), p -> { });
    }

    private static TranscodeJob job(List<TranscodeJob.Input> inputs, List<CreateJobOutput> outputs) {
        return new TranscodeJob(inputs, resolve(outputs), List.of(), Map.of("wm.png", media.resolve("wm.png")));
    }

    private static List<TranscodeJob.Output> resolve(List<CreateJobOutput> outputs) {
        return outputs.stream().map(o -> new TranscodeJob.Output(o, PRESETS.byId(o.presetId()).orElseThrow())).toList();
    }

    private static TranscodeJob.Input input(String name) {
        return new TranscodeJob.Input(JobInput.builder().key(name).build(), media.resolve(name));
    }

    private static CreateJobOutput.Builder output(String key, String presetId) {
        return CreateJobOutput.builder().key(key).presetId(presetId);
    }

    private static ProducedFile file(TranscodeResult.OutputResult out, ProducedFile.Kind kind, String key) {
        return out.files().stream().filter(f -> f.kind() == kind && f.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + key + " not in " + out.files()));
    }

    private static org.w3c.dom.Element element(Document doc, String tag, int index) {
        return (org.w3c.dom.Element) doc.getElementsByTagName(tag).item(index);
    }

    /** A server manifest's tracks of one type as {@code src#trackID}. */
    private static List<String> tracks(Document ism, String type) {
        List<String> tracks = new ArrayList<>();
        org.w3c.dom.NodeList elements = ism.getElementsByTagName(type);
        for (int i = 0; i < elements.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) elements.item(i);
            org.w3c.dom.Element param = (org.w3c.dom.Element) e.getElementsByTagName("param").item(0);
            tracks.add(e.getAttribute("src") + "#" + (param == null ? "" : param.getAttribute("value")));
        }
        return tracks;
    }

    private static org.w3c.dom.Element streamIndex(Document ismc, String type) {
        org.w3c.dom.NodeList indexes = ismc.getElementsByTagName("StreamIndex");
        for (int i = 0; i < indexes.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) indexes.item(i);
            if (type.equals(e.getAttribute("Type"))) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " StreamIndex");
    }

    private static JsonNode stream(Path file, String type) throws Exception {
        Process p = new ProcessBuilder(TOOLS.ffprobe().toString(), "-v", "error", "-print_format", "json", "-show_streams",
                file.toString()).start();
        JsonNode root = JSON.readTree(p.getInputStream().readAllBytes());
        p.waitFor();
        for (JsonNode s : root.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream in " + file);
    }

    /** The largest difference between neighbouring lines of a column in the first frame (combing shows as ~200). */
    private static int comb(Path file) throws Exception {
        Process p = new ProcessBuilder(TOOLS.ffmpeg().toString(), "-v", "error", "-i", file.toString(), "-frames:v", "1",
                "-vf", "crop=2:16:20:20,format=gray", "-f", "rawvideo", "-").start();
        byte[] block = p.getInputStream().readAllBytes(); // 2 pixels a line (4:2:0 crops need even widths)
        p.waitFor();
        assertEquals(32, block.length);
        int max = 0;
        for (int i = 2; i < block.length; i += 2) {
            max = Math.max(max, Math.abs((block[i] & 0xff) - (block[i - 2] & 0xff)));
        }
        return max;
    }

    /** The channel count of each audio track. */
    private static List<Integer> channels(Path file) throws Exception {
        Process p = new ProcessBuilder(TOOLS.ffprobe().toString(), "-v", "error", "-print_format", "json", "-show_streams",
                "-select_streams", "a", file.toString()).start();
        JsonNode root = JSON.readTree(p.getInputStream().readAllBytes());
        p.waitFor();
        List<Integer> channels = new ArrayList<>();
        root.path("streams").forEach(s -> channels.add(s.path("channels").asInt()));
        return channels;
    }

    /** The average colour of an 8x8 block of the first frame. */
    private static int[] rgb(Path file, int x, int y) throws Exception {
        Process p = new ProcessBuilder(TOOLS.ffmpeg().toString(), "-v", "error", "-i", file.toString(), "-frames:v", "1",
                "-vf", "crop=8:8:" + x + ":" + y, "-f", "rawvideo", "-pix_fmt", "rgb24", "-").start();
        byte[] raw = p.getInputStream().readAllBytes();
        p.waitFor();
        int[] sum = new int[3];
        for (int i = 0; i < raw.length; i++) {
            sum[i % 3] += raw[i] & 0xff;
        }
        int n = Math.max(1, raw.length / 3);
        return new int[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    private static void ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TOOLS.ffmpeg().toString(), "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
