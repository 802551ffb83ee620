package io.haneul.transcoder.domain;

import io.haneul.transcoder.presets.SystemPresets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elastictranscoder.model.AudioParameters;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;
import software.amazon.awssdk.services.elastictranscoder.model.Thumbnails;
import software.amazon.awssdk.services.elastictranscoder.model.VideoParameters;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CreatePreset's rules: every system preset passes them, and each rule refuses with a message naming its setting. */
class PresetRulesTest {

    @Test
    void everySystemPresetIsValid() {
        for (Preset p : new SystemPresets().all()) {
            PresetRules.check(p.container(), p.video(), p.audio(), p.thumbnails());
        }
    }

    @Test
    void containersDecideCodecs() {
        refused("Video:Codec", "webm", VideoParameters.builder().codec("H.264").build(), null, null);
        refused("Audio:Codec", "mp4", null, AudioParameters.builder().codec("vorbis").build(), null);
        refused("Video settings", "mp3", VideoParameters.builder().codec("H.264").build(), AudioParameters.builder().codec("mp3").build(), null);
        refused("Audio settings are required", "flac", null, null, null);
        refused("Audio settings are not valid for Container gif", "gif", VideoParameters.builder().codec("gif").build(),
                AudioParameters.builder().codec("AAC").build(), null);
    }

    @Test
    void codecOptionsBelongToTheirCodec() {
        refused("Video:CodecOptions:LoopCount", "mp4", VideoParameters.builder().codec("H.264").codecOptions(Map.of("LoopCount", "1")).build(), null, null);
        refused("Video:CodecOptions:MaxReferenceFrames", "mp4",
                VideoParameters.builder().codec("H.264").codecOptions(Map.of("MaxReferenceFrames", "17")).build(), null, null);
        refused("Video:CodecOptions:Profile", "webm", VideoParameters.builder().codec("vp8").codecOptions(Map.of("Profile", "4")).build(), null, null);
        refused("Audio:CodecOptions:Profile", "mp3", null, AudioParameters.builder().codec("mp3")
                .codecOptions(o -> o.profile("AAC-LC")).build(), null);
        refused("Audio:CodecOptions:BitDepth", "flac", null, AudioParameters.builder().codec("flac").codecOptions(o -> o.bitDepth("8")).build(), null);
        refused("Audio:SampleRate", "mxf", VideoParameters.builder().codec("mpeg2").build(),
                AudioParameters.builder().codec("pcm").sampleRate("44100").build(), null);
    }

    @Test
    void sizesAndThumbnails() {
        refused("Video:MaxHeight", "mp4", VideoParameters.builder().codec("H.264").maxHeight("3074").build(), null, null);
        refused("Video:Resolution width", "mp4", VideoParameters.builder().codec("H.264").resolution("127x96").build(), null, null);
        refused("Thumbnails:Format", "mp4", VideoParameters.builder().codec("H.264").build(), null, Thumbnails.builder().interval("5").build());
        refused("Thumbnails:Resolution", "mp4", VideoParameters.builder().codec("H.264").build(), null,
                Thumbnails.builder().format("png").interval("5").resolution("64x64").maxWidth("64").build());
        refused("Video:Watermarks:MaxWidth", "mp4", VideoParameters.builder().codec("H.264").maxWidth("640")
                .watermarks(w -> w.id("a").maxWidth("700px")).build(), null, null);
        refused("Video:Watermarks:Id", "mp4", VideoParameters.builder().codec("H.264")
                .watermarks(w -> w.id("a"), w -> w.id("a")).build(), null, null);
    }

    @Test
    void levelBeyondItsFrameSizeWarns() {
        VideoParameters v = VideoParameters.builder().codec("H.264").codecOptions(Map.of("Level", "3")).maxWidth("1920").maxHeight("1080").build();
        assertTrue(PresetRules.check("mp4", v, null, null).orElseThrow().contains("level 3"));
        VideoParameters ok = v.toBuilder().codecOptions(Map.of("Level", "4")).build();
        assertTrue(PresetRules.check("mp4", ok, null, null).isEmpty());
    }

    private static void refused(String setting, String container, VideoParameters v, AudioParameters a, Thumbnails t) {
        TranscoderException e = assertThrows(TranscoderException.class, () -> PresetRules.check(container, v, a, t));
        assertEquals("ValidationException", e.code());
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }
}
