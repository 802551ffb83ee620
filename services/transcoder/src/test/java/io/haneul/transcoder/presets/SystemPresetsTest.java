package io.haneul.transcoder.presets;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elastictranscoder.model.Preset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemPresetsTest {

    private final SystemPresets presets = new SystemPresets();

    @Test
    void all62SystemPresetsWithUniqueIdsTypeSystemAndNoArn() {
        List<Preset> all = presets.all();
        assertEquals(62, all.size());
        Set<String> ids = new HashSet<>();
        for (Preset p : all) {
            assertTrue(p.id().startsWith("1351620000001-"), p.id());
            assertTrue(ids.add(p.id()), "duplicate " + p.id());
            assertEquals("System", p.type());
            assertNull(p.arn());
            assertTrue(p.name().startsWith("System preset: "), p.name());
        }
    }

    @Test
    void generic1080pHasItsVideoAudioAndThumbnailSettings() {
        Preset p = presets.byId("1351620000001-000001").orElseThrow();
        assertEquals("System preset: Generic 1080p", p.name());
        assertEquals("mp4", p.container());
        assertEquals("H.264", p.video().codec());
        assertEquals("baseline", p.video().codecOptions().get("Profile"));
        assertEquals("4", p.video().codecOptions().get("Level"));
        assertEquals("5400", p.video().bitRate());
        assertEquals("29.97", p.video().frameRate());
        assertEquals("1920", p.video().maxWidth());
        assertEquals(4, p.video().watermarks().size());
        assertEquals("AAC", p.audio().codec());
        assertEquals("160", p.audio().bitRate());
        assertEquals("AAC-LC", p.audio().codecOptions().profile());
        assertEquals("png", p.thumbnails().format());
        assertEquals("60", p.thumbnails().interval());
    }

    @Test
    void hlsAudioWebmAndWavPresets() {
        Preset hls = presets.byId("1351620000001-200010").orElseThrow();
        assertEquals("ts", hls.container());
        assertEquals("auto", hls.video().frameRate());
        assertEquals("1872", hls.video().bitRate());
        Preset mp3 = presets.byId("1351620000001-300040").orElseThrow();
        assertEquals("mp3", mp3.audio().codec());
        assertEquals("128", mp3.audio().bitRate());
        assertNull(mp3.video());
        Preset webm = presets.byId("1351620000001-100240").orElseThrow();
        assertEquals("vp8", webm.video().codec());
        assertEquals("vorbis", webm.audio().codec());
        Preset wav8 = presets.byId("1351620000001-300200").orElseThrow();
        assertEquals("8", wav8.audio().codecOptions().bitDepth());
        assertEquals("Unsigned", wav8.audio().codecOptions().signed());
        assertEquals("System preset: Full HD 1080i60 - MP4", presets.byId("1351620000001-100180").orElseThrow().name());
        assertTrue(presets.byId("1351620000001-999999").isEmpty());
    }
}
