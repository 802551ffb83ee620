package io.haneul.s3.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metainfo (.torrent) file of one object, as GetObjectTorrent answers it: a single-file torrent
 * whose {@code info} names the object ({@code name}: the key's last segment; {@code x-amz-bucket} and
 * {@code x-amz-key}), its length, the piece length and the SHA-1 of every piece, read from the
 * object's bytes as they stream past (never all in memory); {@code announce} names the tracker and
 * {@code url-list} (BEP 19) the object's own URL, from which clients can fetch pieces directly.
 */
public final class TorrentFile {

    /** The piece length: 256 KiB. */
    public static final int PIECE_LENGTH = 256 * 1024;

    /** Where a torrent is found and served. */
    public record Source(String bucket, String key, String announce, String objectUrl) {
    }

    private TorrentFile() {
    }

    /** The bencoded metainfo of the {@code length} bytes {@code data} yields. */
    public static byte[] of(Source source, long length, InputStream data) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        String last = source.key().substring(source.key().lastIndexOf('/') + 1);
        info.put("name", last.isEmpty() ? source.key() : last);
        info.put("length", length);
        info.put("piece length", PIECE_LENGTH);
        info.put("pieces", pieceHashes(data));
        info.put("x-amz-bucket", source.bucket());
        info.put("x-amz-key", source.key());
        Map<String, Object> torrent = new LinkedHashMap<>();
        torrent.put("announce", source.announce());
        torrent.put("info", info);
        torrent.put("url-list", List.of(source.objectUrl()));
        return Bencode.encode(torrent);
    }

    /** The SHA-1 of each {@link #PIECE_LENGTH} bytes of {@code data} (the last piece may be shorter), concatenated. */
    static byte[] pieceHashes(InputStream data) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int inPiece = 0;
        int n;
        while ((n = data.read(buffer)) > 0) {
            int at = 0;
            while (at < n) {
                int take = Math.min(n - at, PIECE_LENGTH - inPiece);
                sha1.update(buffer, at, take);
                at += take;
                inPiece += take;
                if (inPiece == PIECE_LENGTH) {
                    hashes.writeBytes(sha1.digest());
                    inPiece = 0;
                }
            }
        }
        if (inPiece > 0) {
            hashes.writeBytes(sha1.digest());
        }
        return hashes.toByteArray();
    }
}
