package io.haneul.s3.domain;

import java.util.Map;

/**
 * An inclusive byte range of an object, from a {@code Range: bytes=...} header (one range; S3
 * ignores multi-range requests and answers the whole object) or {@code x-amz-copy-source-range}.
 *
 * @param first first byte
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, the Content-Range value. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range a GetObject {@code Range} header asks of an object of {@code size} bytes; null when
     * the header is absent or not a single byte range S3 honours (then the whole object is sent).
     *
     * @throws S3Exception InvalidRange when the range starts beyond the object
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw invalid(header, size);
                }
                if (size == 0) {
                    throw invalid(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (first < 0 || last < first) {
                return null;
            }
            if (first >= size) {
                throw invalid(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The range of an UploadPartCopy {@code x-amz-copy-source-range} ({@code bytes=first-last}, both
     * required and within the source).
     */
    public static ByteRange parseCopySourceRange(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        int dash = h.indexOf('-');
        if (!h.startsWith("bytes=") || dash < 0) {
            throw S3Exception.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first "
                    + "and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", header);
        }
        try {
            long first = Long.parseLong(h.substring(6, dash).strip());
            long last = Long.parseLong(h.substring(dash + 1).strip());
            if (first < 0 || last < first || last >= size) {
                throw new S3Exception(S3Error.InvalidRange, null,
                        S3Exception.ordered("RangeRequested", header, "ActualObjectSize", size));
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last",
                    "x-amz-copy-source-range", header);
        }
    }

    private static S3Exception invalid(String header, long size) {
        return new S3Exception(S3Error.InvalidRange, null, Map.of("RangeRequested", header, "ActualObjectSize", size));
    }
}
