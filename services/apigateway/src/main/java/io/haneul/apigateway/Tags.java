package io.haneul.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags kept in an item's document under {@code tags}, as GetRestApi and GetStage return them. */
final class Tags {

    private Tags() {
    }

    static ObjectNode apply(ObjectNode doc, Map<String, String> add, List<String> remove) {
        ObjectNode tags = doc.has("tags") ? (ObjectNode) doc.get("tags") : doc.putObject("tags");
        add.forEach(tags::put);
        remove.forEach(tags::remove);
        if (tags.isEmpty()) {
            doc.remove("tags");
        }
        return tags;
    }

    static Map<String, String> toMap(ObjectNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
