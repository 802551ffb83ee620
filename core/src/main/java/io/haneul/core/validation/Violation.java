package io.haneul.core.validation;

import software.amazon.awssdk.core.SdkBytes;

import java.util.ArrayList;
import java.util.List;

/**
 * One failed constraint.
 *
 * @param path       where the value sits
 * @param value      the offending value (null for a missing required member)
 * @param sensitive  true when the model marks the value sensitive: Coral then leaves it out of the message
 * @param constraint Coral's wording of the constraint, e.g. {@code Member must not be null}
 * @param missing    true for a missing required member
 */
record Violation(Path path, Object value, boolean sensitive, String constraint, boolean missing) {

    static final String NOT_NULL = "Member must not be null";

    /** Coral's sentence: {@code Value 'x' at 'a.b' failed to satisfy constraint: ...}. */
    String message() {
        StringBuilder sb = new StringBuilder(64).append("Value ");
        if (value == null) {
            sb.append("null ");
        } else if (!sensitive) {
            sb.append('\'').append(display(value)).append("' ");
        }
        return sb.append("at '").append(path.render()).append("' failed to satisfy constraint: ")
                .append(constraint).toString();
    }

    /** How Coral (a Java service) prints a value: blobs as the ByteBuffer they arrived in, others by toString. */
    static String display(Object value) {
        if (value instanceof SdkBytes bytes) {
            int n = bytes.asByteArrayUnsafe().length;
            return "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
        }
        return String.valueOf(value);
    }

    /** The violations of one request, in the order the members were visited. */
    static final class Collector {

        private List<Violation> list;

        void add(Violation v) {
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(v);
        }

        boolean isEmpty() {
            return list == null;
        }

        List<Violation> list() {
            return list == null ? List.of() : list;
        }
    }
}
