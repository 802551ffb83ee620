package io.haneul.cloudsearch.domain;

import software.amazon.awssdk.services.cloudsearch.model.IndexField;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Which options member of an {@link IndexField} belongs to which IndexFieldType. */
public final class FieldTypes {

    static final Map<String, Function<IndexField, Object>> OPTIONS = options();
    static final Map<String, String> MEMBERS = Map.ofEntries(Map.entry("int", "IntOptions"), Map.entry("double", "DoubleOptions"),
            Map.entry("literal", "LiteralOptions"), Map.entry("text", "TextOptions"), Map.entry("date", "DateOptions"),
            Map.entry("latlon", "LatLonOptions"), Map.entry("int-array", "IntArrayOptions"),
            Map.entry("double-array", "DoubleArrayOptions"), Map.entry("literal-array", "LiteralArrayOptions"),
            Map.entry("text-array", "TextArrayOptions"), Map.entry("date-array", "DateArrayOptions"));

    private FieldTypes() {
    }

    private static Map<String, Function<IndexField, Object>> options() {
        Map<String, Function<IndexField, Object>> m = new LinkedHashMap<>();
        m.put("int", IndexField::intOptions);
        m.put("double", IndexField::doubleOptions);
        m.put("literal", IndexField::literalOptions);
        m.put("text", IndexField::textOptions);
        m.put("date", IndexField::dateOptions);
        m.put("latlon", IndexField::latLonOptions);
        m.put("int-array", IndexField::intArrayOptions);
        m.put("double-array", IndexField::doubleArrayOptions);
        m.put("literal-array", IndexField::literalArrayOptions);
        m.put("text-array", IndexField::textArrayOptions);
        m.put("date-array", IndexField::dateArrayOptions);
        return Map.copyOf(m);
    }

    public static boolean isArray(String type) {
        return type.endsWith("-array");
    }

    /** The single-valued type of an array type, else the type itself. */
    public static String base(String type) {
        return isArray(type) ? type.substring(0, type.length() - "-array".length()) : type;
    }

    /** Whether a field of type {@code target} may copy its values from a field of type {@code source}. */
    public static boolean copies(String target, String source) {
        String t = base(target);
        String s = base(source);
        if (!isArray(target) && isArray(source)) {
            return false;
        }
        return switch (t) {
            case "text", "literal" -> s.equals("text") || s.equals("literal");
            case "double" -> s.equals("double") || s.equals("int");
            default -> t.equals(s);
        };
    }
}
