package io.haneul.rekognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.SqlRequestTokens;
import software.amazon.awssdk.core.SdkPojo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * ClientRequestToken idempotency as AWS documents it for CreateUser, DeleteUser, AssociateFaces,
 * DisassociateFaces and CreateFaceLivenessSession: a token used again with the same request answers the
 * first response without doing the work again; with a different request it is
 * IdempotentParameterMismatchException. A token answers for {@link SqlRequestTokens#LIFETIME} (AWS
 * documents no lifetime). The SDKs fill in a fresh token when the caller gives none, so only a
 * deliberate retry repeats one.
 *
 * <p>The token is claimed in the store before the work runs, so two requests with one token racing each
 * other (on one node or on several) never both run: the second waits for the first's answer and answers
 * it. If the first fails its claim is dropped and the waiter runs the work itself; a claim left
 * unanswered for {@link #ABANDONED} (its node died) is taken over.
 */
final class IdempotentCalls {

    /** How long an unanswered claim is waited for before its owner is taken to be gone. */
    static final Duration ABANDONED = Duration.ofMinutes(1);

    /** Waits a little between two looks at a claim another request holds. */
    @FunctionalInterface
    interface Pause {
        void await() throws InterruptedException;

        Pause SHORT = () -> Thread.sleep(20);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SqlRequestTokens tokens;
    private final Clock clock;
    private final Pause pause;
    private final SdkDocuments sdk = new SdkDocuments();

    IdempotentCalls(SqlRequestTokens tokens, Clock clock) {
        this(tokens, clock, Pause.SHORT);
    }

    IdempotentCalls(SqlRequestTokens tokens, Clock clock, Pause pause) {
        this.tokens = tokens;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * @param request the request; all but its ClientRequestToken is compared with the token's first use
     */
    <T extends SdkPojo> T once(String account, String region, String operation, String token, SdkPojo request, Class<T> type,
                               Supplier<T> work) {
        return once(account, region, operation, token, request, type, "IdempotentParameterMismatchException", work);
    }

    /**
     * @param mismatch the error code of a token used again with another request: IdempotentParameterMismatchException
     *                 where the operation models it, else InvalidParameterException
     */
    <T extends SdkPojo> T once(String account, String region, String operation, String token, SdkPojo request, Class<T> type,
                               String mismatch, Supplier<T> work) {
        if (token == null) {
            return work.get();
        }
        String asked = withoutToken(sdk, request);
        while (true) {
            long now = clock.millis();
            SqlRequestTokens.Claim claim = tokens.claim(account, region, operation, token, asked, now);
            if (claim.won()) {
                return run(account, region, operation, token, claim.claimedMs(), work);
            }
            if (!claim.request().equals(asked)) {
                throw new RekognitionException(mismatch, "ClientRequestToken " + token + " was used with different parameters");
            }
            if (claim.answered()) {
                return sdk.read(claim.response(), type);
            }
            if (now - claim.claimedMs() >= ABANDONED.toMillis() && tokens.takeOver(account, region, operation, token, claim.claimedMs(), now)) {
                return run(account, region, operation, token, now, work);
            }
            waitForAnswer();
        }
    }

    private <T extends SdkPojo> T run(String account, String region, String operation, String token, long claimedMs, Supplier<T> work) {
        T response;
        try {
            response = work.get();
        } catch (RuntimeException | Error e) {
            tokens.release(account, region, operation, token, claimedMs);
            throw e;
        }
        tokens.answer(account, region, operation, token, sdk.write(response));
        return response;
    }

    private void waitForAnswer() {
        try {
            pause.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RekognitionException("InternalServerError", "Amazon Rekognition experienced a service issue: interrupted", 500);
        }
    }

    /**
     * The request's JSON without its ClientRequestToken, as stored and compared by every operation that takes
     * one. (Clearing the token on the request object would not do: the SDK's field fills an empty idempotency
     * token with a fresh UUID whenever the request is written.)
     */
    static String withoutToken(SdkDocuments sdk, SdkPojo request) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(sdk.write(request));
            doc.remove("ClientRequestToken");
            return doc.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
