package io.haneul.transcoder.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fragments of a fragmented MP4 (Smooth's {@code .ismv}/{@code .isma}) as its Movie Fragment Random
 * Access box lists them (ISO/IEC 14496-12 {@code mfra}: one {@code tfra} per track, found from the
 * {@code mfro} box that ends the file). FFmpeg's ismv muxer writes it; each entry's time is the track's
 * presentation time where a fragment starts, in the track's timescale, which is what Smooth's client
 * manifest lists as chunks.
 */
final class FragmentIndex {

    private static final int MFRO = fourcc("mfro");
    private static final int MFRA = fourcc("mfra");
    private static final int TFRA = fourcc("tfra");
    private static final long MAX_INDEX = 64L << 20;

    private FragmentIndex() {
    }

    /** Each track's fragment start times (track timescale) by track id; empty when the file ends without an index. */
    static Map<Integer, List<Long>> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16) {
                return Map.of();
            }
            ByteBuffer mfro = read(ch, size - 16, 16);
            if (mfro.getInt(4) != MFRO) {
                return Map.of();
            }
            long mfraSize = mfro.getInt(12) & 0xffffffffL;
            if (mfraSize < 16 || mfraSize > size || mfraSize > MAX_INDEX) {
                return Map.of();
            }
            ByteBuffer mfra = read(ch, size - mfraSize, (int) mfraSize);
            if (mfra.getInt(4) != MFRA) {
                return Map.of();
            }
            Map<Integer, List<Long>> tracks = new LinkedHashMap<>();
            int pos = 8;
            while (pos + 8 <= mfra.limit()) {
                long boxSize = mfra.getInt(pos) & 0xffffffffL;
                if (boxSize < 8 || pos + boxSize > mfra.limit()) {
                    break;
                }
                if (mfra.getInt(pos + 4) == TFRA) {
                    tfra(mfra.slice(pos + 8, (int) boxSize - 8), tracks);
                }
                pos += (int) boxSize;
            }
            return tracks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tfra box's body: version and flags, track id, the sizes of the traf/trun/sample numbers, then the entries. */
    private static void tfra(ByteBuffer box, Map<Integer, List<Long>> tracks) {
        if (box.limit() < 16) {
            return;
        }
        int version = box.get(0);
        int trackId = box.getInt(4);
        int sizes = box.getInt(8);
        long count = box.getInt(12) & 0xffffffffL;
        int numbers = ((sizes >> 4) & 3) + ((sizes >> 2) & 3) + (sizes & 3) + 3;
        int entry = (version == 1 ? 16 : 8) + numbers;
        if (count > (box.limit() - 16L) / entry) {
            return; // a truncated index says nothing reliable
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0, pos = 16; i < count; i++, pos += entry) {
            times.add(version == 1 ? box.getLong(pos) : box.getInt(pos) & 0xffffffffL);
        }
        tracks.put(trackId, List.copyOf(times));
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException("the file ended inside its fragment index");
            }
        }
        return buf.flip();
    }

    private static int fourcc(String name) {
        return ByteBuffer.wrap(name.getBytes(StandardCharsets.US_ASCII)).getInt();
    }
}
