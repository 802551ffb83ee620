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
 * it. A waiter only reads the token's row, looking again after a pause that grows from {@link #FIRST_PAUSE} to
 * {@link #LONGEST_PAUSE}, and claims the token again only once the row is gone. If the first fails its claim is
 * dropped and the waiter runs the work itself; a claim left unanswered for {@link #ABANDONED} (its node died) is
 * taken over. Every write of an owner is fenced by the time of its claim, so that an owner whose claim was taken
 * over neither drops the new owner's claim nor loses its answer: the first answer stored is the token's answer.
 */
final class IdempotentCalls {

    /**
     * How long an unanswered claim is waited for before its owner is taken to be gone: far longer than any of these
     * calls runs, and than any SDK waits for an answer before it retries.
     */
    static final Duration ABANDONED = Duration.ofMinutes(10);

    /** The first pause of a request waiting for another's answer; each next one doubles, up to {@link #LONGEST_PAUSE}. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    /** Waits between two looks at a claim another request holds. */
    @FunctionalInterface
    interface Pause {
        void await(Duration length) throws InterruptedException;

        Pause SLEEP = length -> Thread.sleep(length.toMillis());
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SqlRequestTokens tokens;
    private final Clock clock;
    private final Pause pause;
    private final SdkDocuments sdk = new SdkDocuments();

    IdempotentCalls(SqlRequestTokens tokens, Clock clock) {
        this(tokens, clock, Pause.SLEEP);
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
        SqlRequestTokens.Claim claim = tokens.claim(account, region, operation, token, asked, clock.millis());
        Duration pause = FIRST_PAUSE;
        while (true) {
            if (claim.won()) {
                return run(account, region, operation, token, asked, claim.claimedMs(), type, work);
            }
            if (!claim.request().equals(asked)) {
                throw new RekognitionException(mismatch, "ClientRequestToken " + token + " was used with different parameters");
            }
            if (claim.answered()) {
                return sdk.read(claim.response(), type);
            }
            long now = clock.millis();
            if (now - claim.claimedMs() >= ABANDONED.toMillis() && tokens.takeOver(account, region, operation, token, claim.claimedMs(), now)) {
                return run(account, region, operation, token, asked, now, type, work);
            }
            waitForAnswer(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
            var seen = tokens.look(account, region, operation, token);
            claim = seen.isPresent() ? seen.get() : tokens.claim(account, region, operation, token, asked, clock.millis());
        }
    }

    private <T extends SdkPojo> T run(String account, String region, String operation, String token, String asked, long claimedMs,
                                      Class<T> type, Supplier<T> work) {
        T response;
        try {
            response = work.get();
        } catch (RuntimeException | Error e) {
            try {
                tokens.release(account, region, operation, token, claimedMs);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        String written = sdk.write(response);
        String stored = tokens.answer(account, region, operation, token, asked, claimedMs, written);
        return stored.equals(written) ? response : sdk.read(stored, type);
    }

    private void waitForAnswer(Duration length) {
        try {
            pause.await(length);
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
