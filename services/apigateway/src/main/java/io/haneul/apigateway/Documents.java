package io.haneul.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.Paging;
import io.haneul.apigateway.domain.PatchApplier;
import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

import java.util.List;

/**
 * SDK shapes to and from the JSON documents the services keep: API Gateway's stored items are its
 * wire shapes, so a request's payload members are the new item and a stored item is the response,
 * with no per-member mapping (the codec's own field metadata does it).
 */
final class Documents {

    private final SdkDocuments sdk = new SdkDocuments();
    private final ObjectMapper json;

    Documents(ObjectMapper json) {
        this.json = json;
    }

    /** The payload members of a request, in wire names. */
    ObjectNode tree(SdkPojo request) {
        try {
            return (ObjectNode) json.readTree(sdk.write(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends SdkPojo> T read(JsonNode doc, Class<T> type) {
        return sdk.read(doc.toString(), type);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    /** A page of stored items as a GetXxx answer: the list under {@code item}, the next {@code position} if any. */
    <T extends SdkPojo> T page(Paging.Page page, Class<T> type) {
        ObjectNode out = json.createObjectNode();
        out.putArray("item").addAll(page.items());
        if (page.position() != null) {
            out.put("position", page.position());
        }
        return read(out, type);
    }

    static List<PatchApplier.Operation> ops(List<PatchOperation> ops) {
        return ops.stream().map(o -> new PatchApplier.Operation(o.opAsString(), o.path(), o.value(), o.from())).toList();
    }
}
