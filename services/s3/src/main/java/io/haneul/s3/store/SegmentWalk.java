package io.haneul.s3.store;

import java.util.List;

/**
 * The pieces of a byte range {@code [offset, offset + length)} of an object stored as consecutive
 * segments: for each segment the range touches, where in it to start and how many bytes to take. Both
 * blob stores read objects through it, opening one piece at a time.
 */
final class SegmentWalk {

    /** Bytes {@code [offset, offset + length)} of one segment's blob. */
    record Piece(Segment segment, long offset, long length) {
    }

    private final List<Segment> segments;
    private int index;
    private long skip;
    private long remaining;

    SegmentWalk(List<Segment> segments, long offset, long length) {
        this.segments = segments;
        this.skip = offset;
        this.remaining = length;
    }

    /**
     * The next piece, or null when the range is exhausted.
     *
     * @throws java.io.IOException when the segments end before the range does (rows and blobs disagree)
     */
    Piece next() throws java.io.IOException {
        while (remaining > 0 && index < segments.size()) {
            Segment s = segments.get(index++);
            if (skip >= s.size()) {
                skip -= s.size();
                continue;
            }
            Piece p = new Piece(s, skip, Math.min(s.size() - skip, remaining));
            skip = 0;
            remaining -= p.length();
            return p;
        }
        if (remaining > 0) {
            throw new java.io.IOException("object data shorter than recorded");
        }
        return null;
    }
}
