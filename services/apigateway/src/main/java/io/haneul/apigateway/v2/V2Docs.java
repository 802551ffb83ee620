package io.haneul.apigateway.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.apigateway.domain.ApiGatewayException;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.protocol.SdkDocuments;
import software.amazon.awssdk.core.SdkPojo;

import java.util.List;
import java.util.function.Supplier;

/**
 * SDK shapes to and from stored documents (a request's payload members, in wire names, are the new
 * item; a stored item is the answer), and the one place v2's domain errors become wire errors.
 */
final class V2Docs {

    private final SdkDocuments sdk = new SdkDocuments();
    private final ObjectMapper json;

    V2Docs(ObjectMapper json) {
        this.json = json;
    }

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

    /** A page as a GetXxx answer: {@code items} and {@code nextToken}. */
    <T extends SdkPojo> T page(Paging.Page page, Class<T> type) {
        ObjectNode out = json.createObjectNode();
        out.putArray("items").addAll(page.items());
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return read(out, type);
    }

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiGatewayException e) {
            throw new AwsErrorException(e.code(), e.getMessage(), e.status());
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
