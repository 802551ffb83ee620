package io.haneul.core.codec;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two SDK model objects member by member through their {@link SdkField}s, and lists every
 * difference with its path ({@code Attributes.entry[Policy]}, {@code Entries[1].Id}), so that a
 * failing case says what the codec lost. Normalizations, each a wire-lossy case the protocols share:
 * <ul>
 *   <li>timestamps are compared at millisecond precision;</li>
 *   <li>an auto-constructed (never set) list or map equals an absent one;</li>
 *   <li>document numbers are compared by numeric value.</li>
 * </ul>
 * SdkResponse metadata (status, headers, request id) is not an SdkField, so it is not compared.
 */
final class SdkFieldsDiff {

    private SdkFieldsDiff() {
    }

    /**
     * @param ignoredMembers members of the top-level objects not compared (each a documented
     *                       wire-lossy case, such as host labels when host prefixes are off)
     */
    static List<String> diff(Object expected, Object actual, Set<String> ignoredMembers) {
        List<String> out = new ArrayList<>();
        if (expected instanceof SdkPojo pa && actual instanceof SdkPojo pb && pa.getClass() == pb.getClass()) {
            for (SdkField<?> f : pa.sdkFields()) {
                if (!ignoredMembers.contains(f.memberName())) {
                    compare(f.memberName(), f.getValueOrDefault(pa), f.getValueOrDefault(pb), out);
                }
            }
            return out;
        }
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, Object a, Object b, List<String> out) {
        a = normalize(a);
        b = normalize(b);
        if (a == null || b == null) {
            if (a != b) {
                out.add(path(path) + ": expected " + show(a) + " but was " + show(b));
            }
            return;
        }
        if (a instanceof SdkPojo pa && b instanceof SdkPojo pb) {
            if (pa.getClass() != pb.getClass()) {
                out.add(path(path) + ": expected a " + pa.getClass().getSimpleName() + " but was a " + pb.getClass().getSimpleName());
                return;
            }
            for (SdkField<?> f : pa.sdkFields()) {
                compare(path.isEmpty() ? f.memberName() : path + "." + f.memberName(),
                        f.getValueOrDefault(pa), f.getValueOrDefault(pb), out);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                out.add(path(path) + ": expected " + la.size() + " items " + show(la) + " but was " + lb.size() + " " + show(lb));
                return;
            }
            for (int i = 0; i < la.size(); i++) {
                compare(path + "[" + i + "]", la.get(i), lb.get(i), out);
            }
        } else if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                out.add(path(path) + ": expected keys " + ma.keySet() + " but was " + mb.keySet());
                return;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                compare(path + "{" + e.getKey() + "}", e.getValue(), mb.get(e.getKey()), out);
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path(path) + ": expected " + show(a) + " (" + a.getClass().getSimpleName() + ") but was "
                    + show(b) + " (" + b.getClass().getSimpleName() + ")");
        }
    }

    private static Object normalize(Object v) {
        if (v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (v instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MILLIS);
        }
        if (v instanceof Document d) {
            return documentValue(d);
        }
        return v;
    }

    /** A document as plain Java values, numbers as stripped BigDecimals. */
    private static Object documentValue(Document d) {
        if (d == null || d.isNull()) {
            return "<null document>";
        } else if (d.isNumber()) {
            BigDecimal n = d.asNumber().bigDecimalValue().stripTrailingZeros();
            return n.signum() == 0 ? BigDecimal.ZERO : n;
        } else if (d.isList()) {
            List<Object> l = new ArrayList<>();
            d.asList().forEach(x -> l.add(documentValue(x)));
            return l;
        } else if (d.isMap()) {
            Map<String, Object> m = new LinkedHashMap<>();
            d.asMap().forEach((k, x) -> m.put(k, documentValue(x)));
            return m;
        } else if (d.isBoolean()) {
            return d.asBoolean();
        }
        return d.asString();
    }

    private static String path(String p) {
        return p.isEmpty() ? "<root>" : p;
    }

    private static String show(Object v) {
        if (v instanceof SdkBytes b) {
            return "bytes[" + Base64.getEncoder().encodeToString(b.asByteArrayUnsafe()) + "]";
        }
        String s = v instanceof String str ? '"' + str.replace("\n", "\\n") + '"' : String.valueOf(v);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
