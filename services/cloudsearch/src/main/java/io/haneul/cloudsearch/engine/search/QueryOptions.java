package io.haneul.cloudsearch.engine.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.cloudsearch.engine.index.CompiledSchema;
import io.haneul.cloudsearch.engine.index.FieldType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code q.options}: {@code defaultOperator} ({@code and}, {@code or} or a percentage of clauses that
 * must match), {@code fields} with {@code ^boost}s, {@code operators} the simple parser honours,
 * and the dismax settings {@code phraseFields}, {@code phraseSlop}, {@code explicitPhraseSlop},
 * {@code tieBreaker}.
 */
record QueryOptions(boolean and, Integer percent, Map<String, Float> fields, List<String> operators,
                    Map<String, Float> phraseFields, int phraseSlop, int explicitPhraseSlop, float tieBreaker) {

    static QueryOptions parse(String text, CompiledSchema schema) {
        JsonNode o = RelaxedJson.object("q.options", text);
        boolean and = true;
        Integer percent = null;
        String op = o.path("defaultOperator").asText("and").trim().toLowerCase(Locale.ROOT);
        if (op.equals("or")) {
            and = false;
        } else if (op.endsWith("%")) {
            try {
                percent = Integer.parseInt(op.substring(0, op.length() - 1).trim());
                and = false;
            } catch (NumberFormatException e) {
                throw new SearchException("Invalid q.options: defaultOperator '" + op + "'");
            }
        } else if (!op.equals("and")) {
            throw new SearchException("Invalid q.options: defaultOperator must be 'and', 'or' or a percentage, not '" + op + "'");
        }
        Map<String, Float> fields = weighted(o.path("fields"), schema);
        if (fields.isEmpty()) {
            schema.defaultSearchFields().forEach(f -> fields.put(f, 1f));
        }
        List<String> operators = null;
        if (o.has("operators")) {
            operators = new ArrayList<>();
            for (JsonNode n : o.path("operators")) {
                operators.add(n.asText().toLowerCase(Locale.ROOT));
            }
        }
        float tie = (float) o.path("tieBreaker").asDouble(0.0);
        if (tie < 0 || tie > 1) {
            throw new SearchException("Invalid q.options: tieBreaker must be between 0 and 1");
        }
        return new QueryOptions(and, percent, fields, operators, weighted(o.path("phraseFields"), schema),
                o.path("phraseSlop").asInt(0), o.path("explicitPhraseSlop").asInt(0), tie);
    }

    private static Map<String, Float> weighted(JsonNode list, CompiledSchema schema) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (JsonNode n : list) {
            String f = n.asText();
            float boost = 1f;
            int caret = f.indexOf('^');
            if (caret >= 0) {
                try {
                    boost = Float.parseFloat(f.substring(caret + 1));
                } catch (NumberFormatException e) {
                    throw new SearchException("Invalid q.options: field weight '" + f + "'");
                }
                f = f.substring(0, caret);
            }
            var spec = schema.field(f);
            if (spec.isEmpty()) {
                throw new SearchException("Invalid q.options: field '" + f + "' is not defined in the domain");
            }
            if (spec.get().type() != FieldType.TEXT && spec.get().type() != FieldType.LITERAL) {
                throw new SearchException("Invalid q.options: field '" + f + "' is not a text or literal field");
            }
            out.put(f, boost);
        }
        return out;
    }
}
