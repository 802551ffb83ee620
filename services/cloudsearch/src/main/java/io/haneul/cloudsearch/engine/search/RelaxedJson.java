package io.haneul.cloudsearch.engine.search;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The option objects of search parameters ({@code q.options}, {@code facet.F}, {@code highlight.F},
 * {@code expr}): JSON as CloudSearch reads it, where keys may be unquoted and strings single-quoted.
 */
final class RelaxedJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RelaxedJson() {
    }

    static JsonNode object(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject()) {
                throw new SearchException("Invalid " + parameter + ": expected a JSON object, got '" + value + "'");
            }
            return node;
        } catch (IOException e) {
            throw new SearchException("Invalid JSON in " + parameter + ": '" + value + "'");
        }
    }
}
