package io.haneul.rekognition.video;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SceneScanTest {

    @Test
    void readsCutsAndBlackSectionsFromFfmpegsLog() {
        SceneScan.Result r = SceneScan.parse(List.of(
                "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':",
                "[Parsed_metadata_2 @ 0x55d] frame:0    pts:38400   pts_time:3",
                "[Parsed_metadata_2 @ 0x55d] lavfi.scene_score=0.912000",
                "[blackdetect @ 0x55e] black_start:5 black_end:6 black_duration:1",
                "[Parsed_metadata_2 @ 0x55d] frame:1    pts:64000   pts_time:5",
                "[Parsed_metadata_2 @ 0x55d] lavfi.scene_score=0.450000"));
        assertEquals(List.of(new SceneScan.Cut(3, 0.912), new SceneScan.Cut(5, 0.45)), r.cuts());
        assertEquals(List.of(new SceneScan.Black(5, 6)), r.blacks());
    }
}
