package io.haneul.rekognition;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlRequestTokens;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StepClock;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.model.CreateFaceLivenessSessionResponse;
import software.amazon.awssdk.services.rekognition.model.CreateUserRequest;
import software.amazon.awssdk.services.rekognition.model.CreateUserResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdempotentCallsTest {

    @TempDir
    Path dir;
    Database db;
    SqlRequestTokens tokens;
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        db.migrate(RekognitionSchema.COMPONENT, RekognitionSchema.MIGRATIONS);
        tokens = new SqlRequestTokens(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static CreateUserRequest create(String user) {
        return CreateUserRequest.builder().collectionId("c").userId(user).clientRequestToken("t").build();
    }

    /**
     * The first request holds the token while its work runs; the second, with the same token, must not run
     * the work but wait (its pause is the signal that it waits) and answer the first's response.
     */
    @Test
    void twoRacingRequestsWithOneTokenRunTheWorkOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch secondDecided = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        IdempotentCalls first = new IdempotentCalls(tokens, clock, length -> Thread.sleep(1));
        IdempotentCalls second = new IdempotentCalls(tokens, clock, length -> {
            secondDecided.countDown();
            Thread.sleep(1);
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<CreateUserResponse> a = CompletableFuture.supplyAsync(() -> first.once("acct", "r", "CreateUser", "t",
                create("ada"), CreateUserResponse.class, () -> {
                    runs.incrementAndGet();
                    firstRunning.countDown();
                    await(finishFirst);
                    return CreateUserResponse.builder().build();
                }), threads);
        firstRunning.await();
        CompletableFuture<CreateUserResponse> b = CompletableFuture.supplyAsync(() -> second.once("acct", "r", "CreateUser", "t",
                create("ada"), CreateUserResponse.class, () -> {
                    runs.incrementAndGet();
                    secondDecided.countDown();
                    return CreateUserResponse.builder().build();
                }), threads);
        secondDecided.await();
        finishFirst.countDown();
        a.get();
        b.get();
        threads.shutdown();
        assertEquals(1, runs.get());
    }

    @Test
    void aFailedClaimIsReleasedSoThatARetryRunsTheWork() {
        IdempotentCalls calls = new IdempotentCalls(tokens, clock);
        assertThrows(RekognitionException.class, () -> calls.once("acct", "r", "CreateUser", "t", create("ada"), CreateUserResponse.class,
                () -> {
                    throw new RekognitionException("ConflictException", "exists");
                }));
        CreateUserResponse answer = CreateUserResponse.builder().build();
        assertSame(answer, calls.once("acct", "r", "CreateUser", "t", create("ada"), CreateUserResponse.class, () -> answer));
        RekognitionException mismatch = assertThrows(RekognitionException.class, () -> calls.once("acct", "r", "CreateUser", "t",
                create("grace"), CreateUserResponse.class, () -> answer));
        assertEquals("IdempotentParameterMismatchException", mismatch.code());
    }

    @Test
    void aClaimLeftUnansweredByAGoneOwnerIsTakenOver() {
        String asked = IdempotentCalls.withoutToken(new io.haneul.core.protocol.SdkDocuments(), create("ada"));
        long then = clock.millis() - IdempotentCalls.ABANDONED.toMillis();
        assertEquals(true, tokens.claim("acct", "r", "CreateUser", "t", asked, then).won());
        AtomicInteger runs = new AtomicInteger();
        new IdempotentCalls(tokens, clock).once("acct", "r", "CreateUser", "t", create("ada"), CreateUserResponse.class, () -> {
            runs.incrementAndGet();
            return CreateUserResponse.builder().build();
        });
        assertEquals(1, runs.get());
    }

    /**
     * A waits on its work past {@link IdempotentCalls#ABANDONED}; B takes its claim over and fails, releasing it; A
     * then finishes: A's answer must be the token's, and a third call must answer it without running the work.
     */
    @Test
    void anOwnerWhoseClaimWasTakenOverStillStoresItsAnswer() throws Exception {
        StepClock steps = new StepClock(clock.instant());
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        CompletableFuture<CreateFaceLivenessSessionResponse> a = CompletableFuture.supplyAsync(() -> new IdempotentCalls(tokens, steps)
                .once("acct", "r", "CreateUser", "t", create("ada"), CreateFaceLivenessSessionResponse.class, () -> {
                    firstRunning.countDown();
                    await(finishFirst);
                    return CreateFaceLivenessSessionResponse.builder().sessionId("a").build();
                }), threads);
        firstRunning.await();
        steps.advance(IdempotentCalls.ABANDONED.plusSeconds(1));
        assertThrows(RekognitionException.class, () -> new IdempotentCalls(tokens, steps).once("acct", "r", "CreateUser", "t",
                create("ada"), CreateFaceLivenessSessionResponse.class, () -> {
                    throw new RekognitionException("ConflictException", "exists");
                }));
        finishFirst.countDown();
        assertEquals("a", a.get().sessionId());
        threads.shutdown();
        AtomicInteger runs = new AtomicInteger();
        CreateFaceLivenessSessionResponse third = new IdempotentCalls(tokens, steps).once("acct", "r", "CreateUser", "t", create("ada"),
                CreateFaceLivenessSessionResponse.class, () -> {
                    runs.incrementAndGet();
                    return CreateFaceLivenessSessionResponse.builder().sessionId("c").build();
                });
        assertEquals("a", third.sessionId());
        assertEquals(0, runs.get());
    }

    /**
     * A waiter looks at the claim after pauses that double from 20 ms up to 500 ms, and only reads meanwhile: a
     * claim would purge the expired token planted during its first pause.
     */
    @Test
    void aWaiterOnlyReadsTheClaimAndBacksOff() throws Exception {
        String asked = IdempotentCalls.withoutToken(new io.haneul.core.protocol.SdkDocuments(), create("ada"));
        assertEquals(true, tokens.claim("acct", "r", "CreateUser", "t", asked, clock.millis()).won());
        List<Long> pauses = new ArrayList<>();
        IdempotentCalls waiter = new IdempotentCalls(tokens, clock, length -> {
            pauses.add(length.toMillis());
            if (pauses.size() == 1) {
                tokens.claim("acct", "r", "CreateUser", "expired", "{}", clock.millis() - SqlRequestTokens.LIFETIME.toMillis() - 1);
            }
            if (pauses.size() == 8) {
                tokens.answer("acct", "r", "CreateUser", "t", asked, clock.millis(), "{\"SessionId\":\"first\"}");
            }
        });
        CreateFaceLivenessSessionResponse answer = waiter.once("acct", "r", "CreateUser", "t", create("ada"),
                CreateFaceLivenessSessionResponse.class, () -> {
                    throw new AssertionError("the waiter ran the work");
                });
        assertEquals("first", answer.sessionId());
        assertEquals(List.of(20L, 40L, 80L, 160L, 320L, 500L, 500L, 500L), pauses);
        assertEquals(true, tokens.look("acct", "r", "CreateUser", "expired").isPresent());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
