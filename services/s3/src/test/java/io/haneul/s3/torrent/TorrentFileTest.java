package io.haneul.s3.torrent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TorrentFileTest {

    @Test
    void bencodeSortsDictionaryKeysByTheirBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1L);
        m.put("Zeta", List.of("a", -2));
        m.put("alpha", new byte[]{0, (byte) 0xff});
        byte[] out = Bencode.encode(m);
        byte[] expected = "d4:Zetal1:ai-2ee5:alpha2:\u0000\u00ff4:zetai1ee".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, out);
    }

    @Test
    void piecesAreHashedAcrossReadsOfAnySize() throws Exception {
        byte[] data = new byte[TorrentFile.PIECE_LENGTH * 2 + 1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[] hashes = TorrentFile.pieceHashes(new Trickle(new ByteArrayInputStream(data)));
        assertEquals(60, hashes.length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        assertArrayEquals(sha1.digest(Arrays.copyOfRange(data, 0, TorrentFile.PIECE_LENGTH)), Arrays.copyOfRange(hashes, 0, 20));
        assertArrayEquals(sha1.digest(Arrays.copyOfRange(data, 2 * TorrentFile.PIECE_LENGTH, data.length)), Arrays.copyOfRange(hashes, 40, 60));
        assertEquals(0, TorrentFile.pieceHashes(new ByteArrayInputStream(new byte[0])).length);
    }

    @Test
    void metainfoNamesTheObjectAndItsWebSeed() throws Exception {
        byte[] torrent = TorrentFile.of(new TorrentFile.Source("films", "reels/cut.mov", "http://torrent.localhost:6969/announce",
                "http://localhost:4566/films/reels/cut.mov"), 3, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
        String text = new String(torrent, StandardCharsets.ISO_8859_1);
        String pieces = new String(MessageDigest.getInstance("SHA-1").digest("abc".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.ISO_8859_1);
        assertEquals("d8:announce38:http://torrent.localhost:6969/announce4:infod6:lengthi3e4:name7:cut.mov12:piece lengthi262144e"
                + "6:pieces20:" + pieces + "12:x-amz-bucket5:films9:x-amz-key13:reels/cut.move8:url-listl41:http://localhost:4566/films/reels/cut.movee",
                text);
    }

    /** Hands out at most 7,000 bytes a read, so that reads straddle piece boundaries. */
    private static final class Trickle extends FilterInputStream {
        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7000));
        }
    }
}
