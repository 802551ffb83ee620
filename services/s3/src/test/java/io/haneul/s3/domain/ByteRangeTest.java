package io.haneul.s3.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ByteRangeTest {

    @Test
    void singleRanges() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-1000", 100), "a suffix longer than the object is all of it");
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-5000", 100), "the end is clipped");
        assertEquals("bytes 50-99/100", new ByteRange(50, 99).contentRange(100));
    }

    @Test
    void whatS3IgnoresIsTheWholeObject() {
        assertNull(ByteRange.parse(null, 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100), "multiple ranges");
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse("bytes=9-3", 100));
        assertNull(ByteRange.parse("bytes=x-3", 100));
    }

    @Test
    void beyondTheObjectIsInvalidRange() {
        S3Exception e = assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=100-", 100));
        assertEquals(S3Error.InvalidRange, e.error());
        assertEquals(416, e.error().status());
        assertEquals(100L, e.fields().get("ActualObjectSize"));
        assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=0-", 0));
        assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=-5", 0));
    }

    @Test
    void copySourceRanges() {
        assertEquals(new ByteRange(0, 4), ByteRange.parseCopySourceRange("bytes=0-4", 10));
        assertEquals(S3Error.InvalidRange, assertThrows(S3Exception.class, () -> ByteRange.parseCopySourceRange("bytes=0-10", 10)).error());
        assertEquals(S3Error.InvalidArgument, assertThrows(S3Exception.class, () -> ByteRange.parseCopySourceRange("0-1", 10)).error());
        assertNull(ByteRange.parseCopySourceRange(null, 10));
    }
}
