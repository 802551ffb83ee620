package io.haneul.rekognition;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shutting down interrupts a job's scheduler thread only while that thread still runs the job. */
class VideoJobRunTest {

    @Test
    void aThreadThatHasMovedOnIsNotInterrupted() {
        VideoJobRunner.Run run = new VideoJobRunner.Run();
        run.done();
        run.interrupt();
        assertFalse(Thread.interrupted());
    }

    @Test
    void anInterruptArrivingAsTheJobEndsIsClearedBeforeTheThreadGoesBack() {
        VideoJobRunner.Run run = new VideoJobRunner.Run();
        run.interrupt();
        assertTrue(Thread.currentThread().isInterrupted());
        run.done();
        assertFalse(Thread.interrupted());
    }

    @Test
    void aRunningJobIsInterruptedAndAwaited() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        VideoJobRunner.Run[] run = new VideoJobRunner.Run[1];
        Thread worker = Thread.ofPlatform().start(() -> {
            run[0] = new VideoJobRunner.Run();
            started.countDown();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                stopped.set(true);
            } finally {
                run[0].done();
            }
        });
        started.await();
        run[0].interrupt();
        run[0].awaitDone(120_000);
        assertTrue(stopped.get());
        worker.join();
    }
}
