package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64CombineTest {

    /** CRC-64/NVME's check value: "123456789" is 0xAE8B14860A799888 (rosUhgp5mIg=), however it is cut. */
    @Test
    void piecesCombineToTheCheckValue() {
        assertEquals("rosUhgp5mIg=", Crc64Combine.of(List.of(new Crc64Combine.Piece("rosUhgp5mIg=", 9))));
        assertEquals("rosUhgp5mIg=", Crc64Combine.of(List.of(new Crc64Combine.Piece(PIECE_1234, 4), new Crc64Combine.Piece(PIECE_56789, 5))));
        assertEquals("rosUhgp5mIg=", Crc64Combine.of(List.of(new Crc64Combine.Piece(PIECE_1234, 4), new Crc64Combine.Piece(EMPTY, 0),
                new Crc64Combine.Piece(PIECE_56789, 5))));
    }

    private static final String EMPTY = "AAAAAAAAAAA=";
    private static final String PIECE_1234 = "KfXb5+L/cdQ=";
    private static final String PIECE_56789 = "+H3Ihxds5mc=";
}
