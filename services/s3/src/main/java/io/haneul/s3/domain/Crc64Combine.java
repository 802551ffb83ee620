package io.haneul.s3.domain;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The CRC-64/NVME of a concatenation computed from the CRCs of its pieces and their lengths (zlib's
 * {@code crc32_combine}, carried to 64 bits), so the default checksum of a multipart object, which AWS
 * gives every object uploaded without one, costs no second read of its parts.
 */
public final class Crc64Combine {

    /** CRC-64/NVME's polynomial, bit-reflected. */
    private static final long POLY = 0x9a6c9329ac4bc9b5L;

    private Crc64Combine() {
    }

    /** A piece: its base64 CRC-64/NVME (big-endian, as S3 writes it) and its length in bytes. */
    public record Piece(String base64, long length) {
    }

    /** The base64 CRC-64/NVME of the pieces one after another. */
    public static String of(List<Piece> pieces) {
        long crc = 0; // the CRC of no bytes
        for (Piece p : pieces) {
            crc = combine(crc, ByteBuffer.wrap(Base64.getDecoder().decode(p.base64())).getLong(), p.length());
        }
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc).array());
    }

    /** The CRC of A followed by B, from crc(A), crc(B) and B's length. */
    static long combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] even = new long[64]; // operators for 2^k zero bits
        long[] odd = new long[64];
        odd[0] = POLY; // one zero bit
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        do {
            square(even, odd); // one zero byte, then 4, 16, ...
            if ((len2 & 1) != 0) {
                crc1 = times(even, crc1);
            }
            len2 >>>= 1;
            if (len2 == 0) {
                break;
            }
            square(odd, even);
            if ((len2 & 1) != 0) {
                crc1 = times(odd, crc1);
            }
            len2 >>>= 1;
        } while (len2 != 0);
        return crc1 ^ crc2;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 64; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
