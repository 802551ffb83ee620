package io.haneul.cloudsearch.engine.search;

import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code return}: which fields, expressions and whether the score come back with each hit.
 * Absent or {@code _all_fields}: every return-enabled field; {@code _no_fields}: only ids.
 */
record Returns(Set<String> fields, boolean all, boolean score, List<String> expressions) {

    boolean contains(String field) {
        return all || fields.contains(field);
    }

    static Returns parse(String text, CompiledSchema schema, Expressions expressions) {
        if (text == null || text.isBlank()) {
            return new Returns(Set.of(), true, false, List.of());
        }
        Set<String> fields = new HashSet<>();
        List<String> exprs = new ArrayList<>();
        boolean all = false;
        boolean none = false;
        boolean score = false;
        for (String raw : text.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            switch (name) {
                case "_all_fields" -> all = true;
                case "_no_fields" -> none = true;
                case "_score" -> score = true;
                default -> {
                    if (expressions.has(name)) {
                        exprs.add(name);
                    } else {
                        FieldSpec spec = schema.field(name)
                                .orElseThrow(() -> new SearchException("Invalid return: field '" + name + "' is not defined in the domain"));
                        if (!spec.returned()) {
                            throw new SearchException("Invalid return: field '" + name + "' is not return enabled");
                        }
                        fields.add(name);
                    }
                }
            }
        }
        if (none) {
            return new Returns(Set.of(), false, score, exprs);
        }
        return new Returns(fields, all, score, exprs);
    }
}
