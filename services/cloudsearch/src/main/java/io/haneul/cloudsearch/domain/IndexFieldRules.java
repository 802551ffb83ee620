package io.haneul.cloudsearch.domain;

import software.amazon.awssdk.services.cloudsearch.model.IndexField;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's rules for an index field definition. The model already fixes names, types and which option
 * exists for which type (text has no FacetEnabled, arrays no SortEnabled, arrays take SourceFields
 * and the others SourceField); what remains is checked here: options of one type only, reserved
 * names, DefaultValue formats, source fields that exist and can be copied, analysis schemes that
 * exist, and the 200-field limit.
 */
public final class IndexFieldRules {

    public static final int MAX_FIELDS = 200;
    private static final Set<String> RESERVED = Set.of("score");

    private IndexFieldRules() {
    }

    /** What of a field's options the rules look at, whatever its type. */
    record Refs(String defaultValue, List<String> sources, String analysisScheme) {
    }

    /**
     * Checks {@code field} as it would be defined among {@code fields} (the domain's fields now, pending
     * deletions left out, by name) with the analysis schemes {@code schemes} defined.
     */
    public static void check(IndexField field, Map<String, IndexField> fields, Set<String> schemes) {
        String name = field.indexFieldName();
        String type = field.indexFieldTypeAsString();
        if (!FieldTypes.OPTIONS.containsKey(type)) {
            throw CloudSearchException.invalidType("Index field '" + name + "' has an invalid type '" + type + "'; valid types are "
                    + FieldTypes.OPTIONS.keySet().stream().sorted().toList() + ".");
        }
        if (RESERVED.contains(name)) {
            throw CloudSearchException.invalid("The name '" + name + "' is reserved and cannot be used as an index field name.");
        }
        FieldTypes.OPTIONS.forEach((t, getter) -> {
            if (!t.equals(type) && getter.apply(field) != null) {
                throw CloudSearchException.invalidType("Index field '" + name + "' of type '" + type + "' cannot have "
                        + FieldTypes.MEMBERS.get(t) + "; use " + FieldTypes.MEMBERS.get(type) + ".");
            }
        });
        Refs refs = refs(field);
        checkDefault(name, type, refs.defaultValue());
        for (String problem : problems(field, fields, schemes)) {
            throw CloudSearchException.invalid(problem);
        }
        if (!fields.containsKey(name) && fields.size() >= MAX_FIELDS) {
            throw CloudSearchException.limitExceeded("The domain already has the maximum of " + MAX_FIELDS + " index fields.");
        }
    }

    /**
     * The references of {@code field} that do not resolve among {@code fields} and {@code schemes}:
     * checked when it is defined, and again by IndexDocuments, whose deletions may have broken them
     * since (such a field fails to validate).
     */
    public static List<String> problems(IndexField field, Map<String, IndexField> fields, Set<String> schemes) {
        String name = field.indexFieldName();
        String type = field.indexFieldTypeAsString();
        Refs refs = refs(field);
        List<String> problems = new ArrayList<>();
        for (String source : refs.sources()) {
            if (source.contains("*")) {
                continue;
            }
            IndexField from = fields.get(source);
            if (source.equals(name)) {
                problems.add("Index field '" + name + "' cannot be its own source field.");
            } else if (from == null || from.indexFieldName().contains("*")) {
                problems.add("Source field '" + source + "' of index field '" + name + "' is not a defined index field.");
            } else if (!FieldTypes.copies(type, from.indexFieldTypeAsString())) {
                problems.add("Index field '" + name + "' of type '" + type + "' cannot copy source field '" + source + "' of type '"
                        + from.indexFieldTypeAsString() + "'.");
            }
        }
        String scheme = refs.analysisScheme();
        if (scheme != null && !schemes.contains(scheme) && !Languages.isBuiltInScheme(scheme)) {
            problems.add("Analysis scheme '" + scheme + "' of index field '" + name + "' is not defined.");
        }
        return problems;
    }

    private static void checkDefault(String name, String type, String value) {
        if (value == null) {
            return;
        }
        switch (FieldTypes.base(type)) {
            case "date" -> {
                try {
                    Instant.parse(value);
                } catch (DateTimeParseException e) {
                    throw CloudSearchException.invalid("DefaultValue '" + value + "' of index field '" + name
                            + "' is not a date in the form yyyy-mm-ddTHH:mm:ss.SSSZ (UTC).");
                }
            }
            case "latlon" -> {
                if (!LatLon.valid(value)) {
                    throw CloudSearchException.invalid("DefaultValue '" + value + "' of index field '" + name
                            + "' is not a location in the form 'latitude,longitude'.");
                }
            }
            default -> {
            }
        }
    }

    static Refs refs(IndexField f) {
        return switch (f.indexFieldTypeAsString()) {
            case "int" -> f.intOptions() == null ? none() : refs(f.intOptions().defaultValue(), f.intOptions().sourceField(), null);
            case "double" -> f.doubleOptions() == null ? none()
                    : refs(f.doubleOptions().defaultValue(), f.doubleOptions().sourceField(), null);
            case "literal" -> f.literalOptions() == null ? none()
                    : refs(f.literalOptions().defaultValue(), f.literalOptions().sourceField(), null);
            case "text" -> f.textOptions() == null ? none()
                    : refs(f.textOptions().defaultValue(), f.textOptions().sourceField(), f.textOptions().analysisScheme());
            case "date" -> f.dateOptions() == null ? none() : refs(f.dateOptions().defaultValue(), f.dateOptions().sourceField(), null);
            case "latlon" -> f.latLonOptions() == null ? none()
                    : refs(f.latLonOptions().defaultValue(), f.latLonOptions().sourceField(), null);
            case "int-array" -> f.intArrayOptions() == null ? none()
                    : refs(f.intArrayOptions().defaultValue(), f.intArrayOptions().sourceFields(), null);
            case "double-array" -> f.doubleArrayOptions() == null ? none()
                    : refs(f.doubleArrayOptions().defaultValue(), f.doubleArrayOptions().sourceFields(), null);
            case "literal-array" -> f.literalArrayOptions() == null ? none()
                    : refs(f.literalArrayOptions().defaultValue(), f.literalArrayOptions().sourceFields(), null);
            case "text-array" -> f.textArrayOptions() == null ? none()
                    : refs(f.textArrayOptions().defaultValue(), f.textArrayOptions().sourceFields(), f.textArrayOptions().analysisScheme());
            case "date-array" -> f.dateArrayOptions() == null ? none()
                    : refs(f.dateArrayOptions().defaultValue(), f.dateArrayOptions().sourceFields(), null);
            default -> none();
        };
    }

    private static Refs none() {
        return new Refs(null, List.of(), null);
    }

    private static Refs refs(Object defaultValue, String sources, String scheme) {
        List<String> names = sources == null ? List.of()
                : Arrays.stream(sources.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new Refs(defaultValue == null ? null : defaultValue.toString(), names, scheme);
    }
}
