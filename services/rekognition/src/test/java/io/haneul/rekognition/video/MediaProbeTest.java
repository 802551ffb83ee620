package io.haneul.rekognition.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void h264InMp4IsSupportedWithItsMetadata() throws Exception {
        VideoInfo info = MediaProbe.parse(JSON.readTree("""
                {"streams": [
                  {"codec_type": "video", "codec_name": "h264", "width": 640, "height": 360, "avg_frame_rate": "30000/1001", "color_range": "tv"},
                  {"codec_type": "audio", "codec_name": "aac", "sample_rate": "44100", "channels": 2, "duration": "7.98"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "format_long_name": "QuickTime / MOV", "duration": "8.000000"}}
                """)).orElseThrow();
        assertTrue(info.supported());
        assertEquals(8000, info.durationMillis());
        assertEquals(29.97f, info.frameRate(), 0.01);
        assertEquals("LIMITED", info.colorRange());
        assertEquals(new VideoInfo.Audio("aac", 7980, 44100, 2), info.audio());
    }

    @Test
    void otherCodecsAndContainersAreNot() throws Exception {
        assertFalse(MediaProbe.parse(JSON.readTree("""
                {"streams": [{"codec_type": "video", "codec_name": "vp8", "width": 160, "height": 120, "avg_frame_rate": "10/1"}],
                 "format": {"format_name": "matroska,webm", "format_long_name": "Matroska / WebM", "duration": "1.0"}}
                """)).orElseThrow().supported());
        assertFalse(MediaProbe.parse(JSON.readTree("""
                {"streams": [{"codec_type": "video", "codec_name": "h264", "width": 160, "height": 120, "avg_frame_rate": "10/1", "color_range": "pc"}],
                 "format": {"format_name": "matroska,webm", "format_long_name": "Matroska / WebM", "duration": "1.0"}}
                """)).orElseThrow().supported());
        assertTrue(MediaProbe.parse(JSON.readTree("{\"streams\": [{\"codec_type\": \"audio\"}], \"format\": {}}")).isEmpty());
    }
}
