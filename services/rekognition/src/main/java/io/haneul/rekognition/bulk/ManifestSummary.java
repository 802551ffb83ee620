package io.haneul.rekognition.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The manifest summary a bulk analysis job writes beside its results, in AWS's layout: schema
 * {@code version} 1.0, {@code statistics} (total, valid and invalid JSON lines) and one {@code errors}
 * record per line that was not analysed, with its line number, source-ref (when it could be read),
 * code and message.
 */
public final class ManifestSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private int valid;
    private final ArrayNode errors = JSON.createArrayNode();

    /** A line whose image was analysed. */
    public void analysed() {
        valid++;
    }

    /** A line that was not analysed, and why. */
    public void failed(int lineNumber, String sourceRef, String code, String message) {
        ObjectNode e = errors.addObject().put("line-number", lineNumber);
        if (sourceRef != null) {
            e.put("source-ref", sourceRef);
        }
        e.put("code", code).put("message", message);
    }

    public int valid() {
        return valid;
    }

    public int invalid() {
        return errors.size();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("version", "1.0");
        root.putObject("statistics").put("total-json-lines", valid + errors.size()).put("valid-json-lines", valid)
                .put("invalid-json-lines", errors.size());
        root.set("errors", errors);
        return root.toString();
    }
}
