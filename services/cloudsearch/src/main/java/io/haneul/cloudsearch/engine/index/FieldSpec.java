package io.haneul.cloudsearch.engine.index;

import software.amazon.awssdk.services.cloudsearch.model.IndexField;

import java.util.List;

/**
 * One index field as the engine uses it: its type, whether it holds several values, its options
 * (an option left out counts as enabled, as in AWS's defaults, except highlighting), its analysis
 * scheme, default value and source fields. A {@link #dynamic} spec's name is a pattern
 * ({@code *_i} or {@code i_*}) that document field names are matched against.
 */
public record FieldSpec(String name, FieldType type, boolean array, boolean facet, boolean search, boolean returned,
                        boolean sort, boolean highlight, String analysisScheme, String defaultValue, List<String> sourceFields) {

    public boolean dynamic() {
        return name.startsWith("*") || name.endsWith("*");
    }

    /** Whether a document field called {@code field} belongs to this dynamic spec. */
    public boolean matches(String field) {
        if (name.startsWith("*")) {
            return field.endsWith(name.substring(1));
        }
        return name.endsWith("*") && field.startsWith(name.substring(0, name.length() - 1));
    }

    /** This spec for a concrete field name (a dynamic field's instance). */
    public FieldSpec named(String field) {
        return new FieldSpec(field, type, array, facet, search, returned, sort, highlight, analysisScheme, defaultValue, sourceFields);
    }

    /** Single-valued numeric (int, double, date) fields and latlon ones can feed expressions and sorts. */
    public boolean sortable() {
        return sort && !array;
    }

    public static FieldSpec of(IndexField f) {
        String name = f.indexFieldName();
        String type = f.indexFieldTypeAsString();
        boolean array = type.endsWith("-array");
        FieldType t = FieldType.valueOf(type.replace("-array", "").toUpperCase(java.util.Locale.ROOT));
        return switch (type) {
            case "int" -> {
                var o = f.intOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), on(o.sortEnabled()), false, null, str(o.defaultValue()), list(o.sourceField()));
            }
            case "double" -> {
                var o = f.doubleOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), on(o.sortEnabled()), false, null, str(o.defaultValue()), list(o.sourceField()));
            }
            case "date" -> {
                var o = f.dateOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), on(o.sortEnabled()), false, null, o.defaultValue(), list(o.sourceField()));
            }
            case "latlon" -> {
                var o = f.latLonOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), on(o.sortEnabled()), false, null, o.defaultValue(), list(o.sourceField()));
            }
            case "literal" -> {
                var o = f.literalOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), on(o.sortEnabled()), false, null, o.defaultValue(), list(o.sourceField()));
            }
            case "text" -> {
                var o = f.textOptions();
                yield o == null ? defaults(name, t, false) : new FieldSpec(name, t, false, false, true, on(o.returnEnabled()),
                        on(o.sortEnabled()), on(o.highlightEnabled()), o.analysisScheme(), o.defaultValue(), list(o.sourceField()));
            }
            case "int-array" -> {
                var o = f.intArrayOptions();
                yield o == null ? defaults(name, t, true) : new FieldSpec(name, t, true, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), false, false, null, str(o.defaultValue()), split(o.sourceFields()));
            }
            case "double-array" -> {
                var o = f.doubleArrayOptions();
                yield o == null ? defaults(name, t, true) : new FieldSpec(name, t, true, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), false, false, null, str(o.defaultValue()), split(o.sourceFields()));
            }
            case "date-array" -> {
                var o = f.dateArrayOptions();
                yield o == null ? defaults(name, t, true) : new FieldSpec(name, t, true, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), false, false, null, o.defaultValue(), split(o.sourceFields()));
            }
            case "literal-array" -> {
                var o = f.literalArrayOptions();
                yield o == null ? defaults(name, t, true) : new FieldSpec(name, t, true, on(o.facetEnabled()), on(o.searchEnabled()),
                        on(o.returnEnabled()), false, false, null, o.defaultValue(), split(o.sourceFields()));
            }
            case "text-array" -> {
                var o = f.textArrayOptions();
                yield o == null ? defaults(name, t, true) : new FieldSpec(name, t, true, false, true, on(o.returnEnabled()),
                        false, on(o.highlightEnabled()), o.analysisScheme(), o.defaultValue(), split(o.sourceFields()));
            }
            default -> throw new IllegalArgumentException("unknown field type " + type);
        };
    }

    private static FieldSpec defaults(String name, FieldType t, boolean array) {
        boolean text = t == FieldType.TEXT;
        return new FieldSpec(name, t, array, !text, true, true, !array, text, null, null, List.of());
    }

    private static boolean on(Boolean b) {
        return b == null || b;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s);
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
    }
}
