package io.haneul.cloudsearch.engine.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a search, from the query string: {@code q}, {@code q.parser}, {@code q.options},
 * {@code fq}, {@code sort}, {@code return}, {@code start}, {@code size}, {@code cursor},
 * {@code facet.F} / {@code highlight.F} / {@code expr.NAME} (or, as the SDKs send them, one JSON
 * object in {@code facet}, {@code highlight}, {@code expr}), {@code stats.F} / {@code stats}, {@code partial} and {@code format}.
 */
public record SearchRequest(String q, String parser, String options, String filter, String sort, String returns,
                            Long start, Long size, String cursor, Map<String, String> facets, Map<String, String> highlights,
                            Map<String, String> expressions, String format, Map<String, String> stats) {

    public static SearchRequest of(Map<String, String> params) {
        return new SearchRequest(params.get("q"), params.get("q.parser"), params.get("q.options"), params.get("fq"),
                params.get("sort"), params.get("return"), number(params, "start"), number(params, "size"), params.get("cursor"),
                prefixed(params, "facet"), prefixed(params, "highlight"), prefixed(params, "expr"), params.get("format"),
                prefixed(params, "stats"));
    }

    private static Long number(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new SearchException("Invalid value for " + name + ": '" + v + "'");
        }
    }

    /** {@code name.KEY=value} parameters, and the keys of a JSON object given as {@code name} itself. */
    private static Map<String, String> prefixed(Map<String, String> params, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String whole = params.get(name);
        if (whole != null && !whole.isBlank()) {
            JsonNode o = RelaxedJson.object(name, whole);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        params.forEach((k, v) -> {
            if (k.startsWith(name + ".") && k.length() > name.length() + 1) {
                out.put(k.substring(name.length() + 1), v);
            }
        });
        return out;
    }
}
