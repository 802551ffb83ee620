package io.haneul.transcoder.ffmpeg;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Smooth's CodecPrivateData from the extradata ffprobe dumps (the dumps below are ffprobe's own, of libx264 and aac). */
class CodecPrivateDataTest {

    /** ffprobe -show_data of a 160x120 High 4:4:4 libx264 stream: an avcC record with one SPS (25 bytes) and one PPS (5). */
    private static final String AVCC_DUMP = "\n00000000: 01f4 000a ffe1 0019 67f4 000a 9196 8284  ........g.......\n"
            + "00000010: 7e27 0110 0000 0300 1000 0003 0140 f122  ~'...........@.\"\n"
            + "00000020: 6a01 0005 68ce 0f19 20ff f8f8 00         j...h... ....\n";

    @Test
    void hexDumpLinesAreReadWithoutTheAsciiColumn() {
        byte[] bytes = CodecPrivateData.fromHexDump("\n00000000: 1208 56e5 00                             ..V..\n");
        assertArrayEquals(new byte[] {0x12, 0x08, 0x56, (byte) 0xe5, 0x00}, bytes);
        assertEquals(45, CodecPrivateData.fromHexDump(AVCC_DUMP).length);
    }

    @Test
    void avcRecordBecomesAnnexBParameterSets() {
        assertEquals("00000001" + "67F4000A919682847E27011000000300100000030140F1226A" + "00000001" + "68CE0F1920",
                CodecPrivateData.h264(CodecPrivateData.fromHexDump(AVCC_DUMP)));
    }

    @Test
    void annexBExtradataAndAacConfigAreKeptAsTheyAre() {
        assertEquals("0000000167", CodecPrivateData.h264(new byte[] {0, 0, 0, 1, 0x67}));
        assertEquals("1190", CodecPrivateData.aac(new byte[] {0x11, (byte) 0x90}));
    }

    @Test
    void aTruncatedRecordIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodecPrivateData.h264(new byte[] {1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 0x40, 0x67}));
    }
}
