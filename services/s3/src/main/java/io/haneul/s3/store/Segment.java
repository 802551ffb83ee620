package io.haneul.s3.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One blob file holding a run of an object's bytes: a simple upload has one, a completed multipart
 * upload one per part, in order.
 *
 * @param blob the blob id (a generated name, never derived from the key)
 * @param size its length in bytes
 */
public record Segment(String blob, long size) {

    /** {@code id:size,id:size}, as stored. */
    public static String format(List<Segment> segments) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(s.blob).append(':').append(s.size);
        }
        return sb.toString();
    }

    public static List<Segment> parse(String stored) {
        List<Segment> out = new ArrayList<>();
        if (stored == null || stored.isEmpty()) {
            return out;
        }
        for (String part : stored.split(",")) {
            int colon = part.lastIndexOf(':');
            out.add(new Segment(part.substring(0, colon), Long.parseLong(part.substring(colon + 1))));
        }
        return out;
    }

    public static List<String> blobs(List<Segment> segments) {
        return segments.stream().map(Segment::blob).toList();
    }
}
