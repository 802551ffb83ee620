package io.haneul.core.validation;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compiled checks of model shapes. Each rule is immutable once built (a structure's member list is
 * set once, before the plan is published) and holds only what its checks need, so a request costs a
 * walk over the members that have something to check.
 */
final class Rules {

    private Rules() {
    }

    /** The checks of one model shape, applied to a value of that shape. */
    interface ShapeRule {
        void check(Object value, Path path, Violation.Collector out);
    }

    /**
     * A shape without members (string, blob, number). Inside lists and maps Coral reports such values
     * together, listing every constraint of the element shape ({@link #allConstraints}).
     */
    abstract static class Scalar implements ShapeRule {

        final boolean sensitive;
        /** {@code [Member must have length less than or equal to 128, ...]}. */
        final String allConstraints;

        Scalar(boolean sensitive, List<String> constraints) {
            this.sensitive = sensitive;
            this.allConstraints = "[" + String.join(", ", constraints) + "]";
        }

        /** True when the value meets every constraint (the cheap path). */
        abstract boolean valid(Object value);

        /** Adds the wording of each failed constraint. */
        abstract void failures(Object value, List<String> out);

        @Override
        public final void check(Object value, Path path, Violation.Collector out) {
            if (valid(value)) {
                return;
            }
            List<String> failed = new ArrayList<>(2);
            failures(value, failed);
            for (String f : failed) {
                out.add(new Violation(path, value, sensitive, f, false));
            }
        }

        /** True when any element fails. */
        final boolean anyInvalid(Iterable<?> values) {
            for (Object v : values) {
                if (v != null && !valid(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    static String maxLength(long max) {
        return "Member must have length less than or equal to " + max;
    }

    static String minLength(long min) {
        return "Member must have length greater than or equal to " + min;
    }

    /** String shapes: length in code points (Smithy's measure), pattern, enum. */
    static final class StringRule extends Scalar {

        private final int min;
        private final int max;
        private final Pattern pattern;
        private final boolean find;
        private final String patternText;
        private final Set<String> enumValues;
        private final String enumText;

        /**
         * @param min         minimum length, 0 for none
         * @param max         maximum length, -1 for none
         * @param find        true when the pattern is anchored by itself ({@code ^...} or {@code ...$}) and is
         *                    searched as Smithy does; unanchored Coral patterns must match the whole value
         * @param enumValues  allowed values, null when enums are not checked
         */
        StringRule(boolean sensitive, List<String> constraints, int min, int max, Pattern pattern, boolean find,
                   String patternText, Set<String> enumValues, String enumText) {
            super(sensitive, constraints);
            this.min = min;
            this.max = max;
            this.pattern = pattern;
            this.find = find;
            this.patternText = patternText;
            this.enumValues = enumValues;
            this.enumText = enumText;
        }

        @Override
        boolean valid(Object value) {
            if (!(value instanceof String s)) {
                return true;
            }
            int units = s.length();
            if (units < min || (max >= 0 && units > max)) {
                int cp = s.codePointCount(0, units);
                if (cp < min || (max >= 0 && cp > max)) {
                    return false;
                }
            } else if (units < 2 * min && s.codePointCount(0, units) < min) {
                return false;
            }
            if (pattern != null && !matches(s)) {
                return false;
            }
            return enumValues == null || enumValues.contains(s);
        }

        private boolean matches(String s) {
            return find ? pattern.matcher(s).find() : pattern.matcher(s).matches();
        }

        @Override
        void failures(Object value, List<String> out) {
            String s = (String) value;
            int cp = s.codePointCount(0, s.length());
            if (max >= 0 && cp > max) {
                out.add(maxLength(max));
            }
            if (cp < min) {
                out.add(minLength(min));
            }
            if (pattern != null && !matches(s)) {
                out.add("Member must satisfy regular expression pattern: " + patternText);
            }
            if (enumValues != null && !enumValues.contains(s)) {
                out.add("Member must satisfy enum value set: " + enumText);
            }
        }
    }

    /** Blob shapes: length in bytes. */
    static final class BlobRule extends Scalar {

        private final int min;
        private final long max;

        BlobRule(boolean sensitive, List<String> constraints, int min, long max) {
            super(sensitive, constraints);
            this.min = min;
            this.max = max;
        }

        private static long length(Object value) {
            return value instanceof SdkBytes b ? b.asByteArrayUnsafe().length : -1;
        }

        @Override
        boolean valid(Object value) {
            long n = length(value);
            return n < 0 || (n >= min && (max < 0 || n <= max));
        }

        @Override
        void failures(Object value, List<String> out) {
            long n = length(value);
            if (max >= 0 && n > max) {
                out.add(maxLength(max));
            }
            if (n < min) {
                out.add(minLength(min));
            }
        }
    }

    /** Numeric shapes: range, compared exactly for integers and as doubles for fractions. */
    static final class NumberRule extends Scalar {

        private final BigDecimal min;
        private final BigDecimal max;
        private final String minText;
        private final String maxText;
        private final long minLong;
        private final long maxLong;
        private final double minDouble;
        private final double maxDouble;

        NumberRule(boolean sensitive, List<String> constraints, BigDecimal min, String minText,
                   BigDecimal max, String maxText) {
            super(sensitive, constraints);
            this.min = min;
            this.max = max;
            this.minText = minText;
            this.maxText = maxText;
            this.minLong = min == null ? Long.MIN_VALUE : ceilToLong(min);
            this.maxLong = max == null ? Long.MAX_VALUE : floorToLong(max);
            this.minDouble = min == null ? Double.NEGATIVE_INFINITY : min.doubleValue();
            this.maxDouble = max == null ? Double.POSITIVE_INFINITY : max.doubleValue();
        }

        private static long ceilToLong(BigDecimal d) {
            BigDecimal c = d.setScale(0, java.math.RoundingMode.CEILING);
            return c.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                    : c.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : c.longValue();
        }

        private static long floorToLong(BigDecimal d) {
            BigDecimal f = d.setScale(0, java.math.RoundingMode.FLOOR);
            return f.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                    : f.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : f.longValue();
        }

        /** -1 below the range, 1 above, 0 inside. */
        private int position(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                long v = ((Number) value).longValue();
                return v < minLong ? -1 : v > maxLong ? 1 : 0;
            }
            if (value instanceof Double || value instanceof Float) {
                double v = ((Number) value).doubleValue();
                return v < minDouble ? -1 : v > maxDouble ? 1 : 0;
            }
            if (value instanceof BigDecimal || value instanceof BigInteger) {
                BigDecimal v = value instanceof BigDecimal d ? d : new BigDecimal((BigInteger) value);
                return min != null && v.compareTo(min) < 0 ? -1 : max != null && v.compareTo(max) > 0 ? 1 : 0;
            }
            return 0;
        }

        @Override
        boolean valid(Object value) {
            return position(value) == 0;
        }

        @Override
        void failures(Object value, List<String> out) {
            int p = position(value);
            if (p > 0) {
                out.add("Member must have value less than or equal to " + maxText);
            } else if (p < 0) {
                out.add("Member must have value greater than or equal to " + minText);
            }
        }
    }

    /** List shapes: size and elements. Query wire names are {@code member.N}, or {@code N} when flattened. */
    static final class ListRule implements ShapeRule {

        private final int min;
        private final int max;
        private final ShapeRule element;
        private final boolean flattened;
        private final boolean sensitive;

        ListRule(int min, int max, ShapeRule element, boolean flattened, boolean sensitive) {
            this.min = min;
            this.max = max;
            this.element = element;
            this.flattened = flattened;
            this.sensitive = sensitive;
        }

        @Override
        public void check(Object value, Path path, Violation.Collector out) {
            if (!(value instanceof List<?> list)) {
                return;
            }
            int n = list.size();
            if (max >= 0 && n > max) {
                out.add(new Violation(path, list, sensitive, maxLength(max), false));
            }
            if (n < min) {
                out.add(new Violation(path, list, sensitive, minLength(min), false));
            }
            if (element instanceof Scalar scalar) {
                if (scalar.anyInvalid(list)) {
                    out.add(new Violation(path, list, sensitive || scalar.sensitive,
                            "Member must satisfy constraint: " + scalar.allConstraints, false));
                }
            } else if (element != null) {
                int i = 1;
                for (Object e : list) {
                    if (e != null) {
                        String index = Integer.toString(i);
                        element.check(e, new Path(path, index + ".member", flattened ? index : "member." + index), out);
                    }
                    i++;
                }
            }
        }
    }

    /**
     * Map shapes: size, keys, values. A structured value's path is {@code <map>.<key>.member}, after the
     * way Coral names list elements; its query wire name {@code entry.N.value}.
     */
    static final class MapRule implements ShapeRule {

        private final int min;
        private final int max;
        private final Scalar key;
        private final ShapeRule value;
        private final boolean sensitive;

        MapRule(int min, int max, Scalar key, ShapeRule value, boolean sensitive) {
            this.min = min;
            this.max = max;
            this.key = key;
            this.value = value;
            this.sensitive = sensitive;
        }

        @Override
        public void check(Object v, Path path, Violation.Collector out) {
            if (!(v instanceof Map<?, ?> map)) {
                return;
            }
            int n = map.size();
            if (max >= 0 && n > max) {
                out.add(new Violation(path, map, sensitive, maxLength(max), false));
            }
            if (n < min) {
                out.add(new Violation(path, map, sensitive, minLength(min), false));
            }
            if (key != null && key.anyInvalid(map.keySet())) {
                out.add(new Violation(path, map, sensitive || key.sensitive, "Map keys must satisfy constraint: " + key.allConstraints, false));
            }
            if (value instanceof Scalar scalar) {
                if (scalar.anyInvalid(map.values())) {
                    out.add(new Violation(path, map, sensitive || scalar.sensitive,
                            "Map value must satisfy constraint: " + scalar.allConstraints, false));
                }
            } else if (value != null) {
                int i = 1;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() != null) {
                        value.check(e.getValue(), new Path(path, e.getKey() + ".member", "entry." + i + ".value"), out);
                    }
                    i++;
                }
            }
        }
    }

    /** One member of a structure that has something to check. */
    record Member(String name, String locationName, boolean required, ShapeRule rule, Path topLevelPath) {
    }

    /**
     * Structure shapes. Members are matched to the SDK class's {@link SdkField}s by name the first time a
     * value of a class is seen; the match is kept for that class.
     */
    static final class StructRule implements ShapeRule {

        private final String shapeName;
        private Member[] members = new Member[0];
        private volatile Binding binding;

        StructRule(String shapeName) {
            this.shapeName = shapeName;
        }

        /** Called once by the plan builder, before the plan is published. */
        void members(List<Member> list) {
            this.members = list.toArray(new Member[0]);
        }

        boolean isEmpty() {
            return members.length == 0;
        }

        String shapeName() {
            return shapeName;
        }

        @Override
        public void check(Object value, Path path, Violation.Collector out) {
            if (!(value instanceof SdkPojo pojo)) {
                return;
            }
            Binding b = binding;
            if (b == null || b.type != value.getClass()) {
                b = bind(value.getClass(), pojo.sdkFields());
                binding = b;
            }
            SdkField<?>[] fields = b.fields;
            Member[] ms = members;
            for (int i = 0; i < ms.length; i++) {
                SdkField<?> f = fields[i];
                if (f == null) {
                    continue;
                }
                Member m = ms[i];
                Object v = f.getValueOrDefault(value);
                if (v == null || v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?>) {
                    if (m.required()) {
                        out.add(new Violation(childPath(path, m), null, false, Violation.NOT_NULL, true));
                    }
                } else if (m.rule() != null) {
                    m.rule().check(v, childPath(path, m), out);
                }
            }
        }

        private static Path childPath(Path parent, Member m) {
            Path top = m.topLevelPath();
            return parent == null ? top : new Path(parent, top.name(), top.wireName());
        }

        private record Binding(Class<?> type, SdkField<?>[] fields) {
        }

        /**
         * Finds each member's field: by name ignoring case, then ignoring case and everything but letters and
         * digits (the SDK renames a few members), then by the name the field carries on the wire.
         */
        private Binding bind(Class<?> type, List<SdkField<?>> sdkFields) {
            Map<String, SdkField<?>> byName = new HashMap<>();
            Map<String, SdkField<?>> byStripped = new HashMap<>();
            Map<String, SdkField<?>> byLocation = new HashMap<>();
            for (SdkField<?> f : sdkFields) {
                byName.putIfAbsent(f.memberName().toLowerCase(Locale.ROOT), f);
                byStripped.putIfAbsent(stripped(f.memberName()), f);
                if (f.locationName() != null) {
                    byLocation.putIfAbsent(f.locationName().toLowerCase(Locale.ROOT), f);
                }
            }
            Member[] ms = members;
            SdkField<?>[] fields = new SdkField<?>[ms.length];
            for (int i = 0; i < ms.length; i++) {
                Member m = ms[i];
                SdkField<?> f = byName.get(m.name().toLowerCase(Locale.ROOT));
                if (f == null) {
                    f = byStripped.get(stripped(m.name()));
                }
                if (f == null && m.locationName() != null) {
                    f = byLocation.get(m.locationName().toLowerCase(Locale.ROOT));
                }
                if (f == null) {
                    f = byLocation.get(m.name().toLowerCase(Locale.ROOT));
                }
                fields[i] = f;
            }
            return new Binding(type, fields);
        }

        static String stripped(String name) {
            StringBuilder sb = new StringBuilder(name.length());
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    sb.append(Character.toLowerCase(c));
                }
            }
            return sb.toString();
        }
    }
}
