package io.haneul.s3.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SegmentWalkTest {

    static final List<Segment> SEGMENTS = List.of(new Segment("a", 3), new Segment("b", 5), new Segment("c", 2));

    static List<String> pieces(long offset, long length) throws IOException {
        SegmentWalk walk = new SegmentWalk(SEGMENTS, offset, length);
        List<String> out = new ArrayList<>();
        for (SegmentWalk.Piece p = walk.next(); p != null; p = walk.next()) {
            out.add(p.segment().blob() + "@" + p.offset() + "+" + p.length());
        }
        return out;
    }

    @Test
    void rangesMapOntoSegments() throws IOException {
        assertEquals(List.of("a@0+3", "b@0+5", "c@0+2"), pieces(0, 10));
        assertEquals(List.of("a@2+1", "b@0+2"), pieces(2, 3));
        assertEquals(List.of("b@4+1", "c@0+1"), pieces(7, 2));
        assertEquals(List.of("c@1+1"), pieces(9, 1));
        assertEquals(List.of(), pieces(4, 0));
    }

    @Test
    void segmentsShorterThanTheRangeAreAnError() {
        assertThrows(IOException.class, () -> pieces(8, 5));
    }
}
