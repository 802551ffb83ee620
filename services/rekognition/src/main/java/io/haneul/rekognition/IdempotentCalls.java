package io.haneul.rekognition;

import io.haneul.core.protocol.SdkDocuments;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlRequestTokens;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ClientRequestToken idempotency as AWS documents it for CreateUser, DeleteUser, AssociateFaces and
 * DisassociateFaces: a token used again with the same request answers the first response without
 * doing the work again; with a different request it is IdempotentParameterMismatchException. A token
 * answers for {@link SqlRequestTokens#LIFETIME} (AWS documents no lifetime). The SDKs
 * fill in a fresh token when the caller gives none, so only a deliberate retry repeats one. Two
 * requests with one token racing each other may both run (the first answer recorded is kept).
 */
final class IdempotentCalls {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final SqlRequestTokens tokens;
    private final Clock clock;
    private final SdkDocuments sdk = new SdkDocuments();

    IdempotentCalls(SqlRequestTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @param request the request; all but its ClientRequestToken is compared with the token's first use
     */
    <T extends SdkPojo> T once(String account, String region, String operation, String token, SdkPojo request, Class<T> type,
                               Supplier<T> work) {
        if (token == null) {
            return work.get();
        }
        String json = withoutToken(sdk.write(request));
        Optional<SqlRequestTokens.Answer> earlier = tokens.find(account, region, operation, token, clock.millis());
        if (earlier.isPresent()) {
            if (!earlier.get().request().equals(json)) {
                throw new RekognitionException("IdempotentParameterMismatchException",
                        "ClientRequestToken " + token + " was used with different parameters");
            }
            return sdk.read(earlier.get().response(), type);
        }
        T response = work.get();
        tokens.remember(account, region, operation, token, new SqlRequestTokens.Answer(json, sdk.write(response)), clock.millis());
        return response;
    }

    /**
     * The request's JSON without its token. (Clearing the token on the request object would not do: the
     * SDK's field fills an empty idempotency token with a fresh UUID whenever the request is written.)
     */
    private static String withoutToken(String json) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(json);
            doc.remove("ClientRequestToken");
            return doc.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
