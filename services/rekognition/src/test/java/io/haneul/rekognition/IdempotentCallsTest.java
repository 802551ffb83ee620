package io.haneul.rekognition;

import io.haneul.rekognition.domain.RekognitionException;
import io.haneul.rekognition.store.RekognitionSchema;
import io.haneul.rekognition.store.SqlRequestTokens;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.model.CreateUserRequest;
import software.amazon.awssdk.services.rekognition.model.CreateUserResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        IdempotentCalls first = new IdempotentCalls(tokens, clock, () -> Thread.sleep(1));
        IdempotentCalls second = new IdempotentCalls(tokens, clock, () -> {
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
