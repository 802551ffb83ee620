package io.haneul.transcoder.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Smooth Streaming's {@code CodecPrivateData}: what a client needs to initialise its decoder from the
 * {@code .ismc} alone. For H.264 that is the stream's SPS and PPS in Annex B form (each after a
 * {@code 00000001} start code), taken from the {@code avcC} record FFmpeg stores as the stream's
 * extradata; for AAC it is the AudioSpecificConfig, which is the extradata itself. Both are written as
 * upper-case hex, as IIS writes them (and as FFmpeg's own smoothstreaming muxer does).
 */
final class CodecPrivateData {

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private CodecPrivateData() {
    }

    /**
     * The bytes of ffprobe's {@code -show_data} hex dump ({@code 00000000: 01f4 000a ffe1 ...  ascii}):
     * each line's eight groups of four hex digits after the offset, the ASCII column left out.
     */
    static byte[] fromHexDump(String dump) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : dump.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            // 16 bytes are 8 groups of 4 hex digits with a space between: 39 characters, then the ASCII column
            String hex = line.substring(colon + 2, Math.min(line.length(), colon + 2 + 39)).replace(" ", "");
            out.writeBytes(HexFormat.of().parseHex(hex));
        }
        return out.toByteArray();
    }

    /** The H.264 stream's parameter sets in Annex B, from an {@code avcC} record (extradata already in Annex B is kept). */
    static String h264(byte[] extradata) {
        if (extradata.length == 0 || extradata[0] != 1) {
            return hex(extradata);
        }
        if (extradata.length < 7) {
            throw new IllegalArgumentException("avcC record too short: " + extradata.length + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 5;
        int sps = extradata[pos++] & 0x1f;
        pos = copyParameterSets(extradata, pos, sps, out);
        if (pos >= extradata.length) {
            throw new IllegalArgumentException("avcC record ends before its PPS count");
        }
        int pps = extradata[pos++] & 0xff;
        copyParameterSets(extradata, pos, pps, out);
        return hex(out.toByteArray());
    }

    /** AAC's AudioSpecificConfig as it stands in the extradata. */
    static String aac(byte[] extradata) {
        return hex(extradata);
    }

    private static int copyParameterSets(byte[] avcc, int pos, int count, ByteArrayOutputStream out) {
        for (int i = 0; i < count; i++) {
            if (pos + 2 > avcc.length) {
                throw new IllegalArgumentException("avcC record ends inside a parameter set's length");
            }
            int length = ((avcc[pos] & 0xff) << 8) | (avcc[pos + 1] & 0xff);
            pos += 2;
            if (pos + length > avcc.length) {
                throw new IllegalArgumentException("avcC parameter set runs past the record");
            }
            out.writeBytes(START_CODE);
            out.write(avcc, pos, length);
            pos += length;
        }
        return pos;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }
}
