package io.haneul.transcoder.ffmpeg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mfra/tfra index at the end of a fragmented MP4, built here box by box as ISO/IEC 14496-12 lays it out. */
class FragmentIndexTest {

    @TempDir
    Path dir;

    @Test
    void readsEachTracksFragmentTimesInBothVersions() throws Exception {
        byte[] video = tfra(1, 1, 0, new long[] {0, 10_000_000, 20_000_000});
        byte[] audio = tfra(0, 2, 0x3f, new long[] {0, 10_026_667}); // 4-byte traf/trun/sample numbers
        Path file = write(box("ftyp", new byte[8]), box("mdat", new byte[100]), mfra(video, audio));
        assertEquals(Map.of(1, List.of(0L, 10_000_000L, 20_000_000L), 2, List.of(0L, 10_026_667L)), FragmentIndex.read(file));
    }

    @Test
    void aFileWithoutAnIndexOrWithABrokenOneHasNone() throws Exception {
        assertEquals(Map.of(), FragmentIndex.read(write(box("ftyp", new byte[8]), box("mdat", new byte[100]))));
        assertEquals(Map.of(), FragmentIndex.read(write(new byte[3])));
        // an mfro pointing past the start of the file
        ByteBuffer mfro = ByteBuffer.allocate(16).putInt(16).put("mfro".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(1 << 20);
        assertEquals(Map.of(), FragmentIndex.read(write(box("mdat", new byte[10]), mfro.array())));
        // a tfra whose entry count runs past the box: the track is left out
        byte[] truncated = tfra(1, 1, 0, new long[] {0, 1});
        ByteBuffer.wrap(truncated).putInt(8 + 12, 1000);
        assertEquals(Map.of(), FragmentIndex.read(write(mfra(truncated))));
    }

    private Path write(byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        Path file = Files.createTempFile(dir, "f", ".ismv");
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] tfra(int version, int trackId, int sizes, long[] times) {
        int numbers = ((sizes >> 4) & 3) + ((sizes >> 2) & 3) + (sizes & 3) + 3;
        int entry = (version == 1 ? 16 : 8) + numbers;
        ByteBuffer body = ByteBuffer.allocate(16 + entry * times.length);
        body.putInt(version << 24).putInt(trackId).putInt(sizes).putInt(times.length);
        for (long t : times) {
            if (version == 1) {
                body.putLong(t).putLong(1234);
            } else {
                body.putInt((int) t).putInt(1234);
            }
            body.put(new byte[numbers]);
        }
        return box("tfra", body.array());
    }

    private static byte[] mfra(byte[]... children) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : children) {
            body.writeBytes(c);
        }
        int size = 8 + body.size() + 16;
        body.writeBytes(ByteBuffer.allocate(16).putInt(16).put("mfro".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(size).array());
        return box("mfra", body.toByteArray());
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }
}
