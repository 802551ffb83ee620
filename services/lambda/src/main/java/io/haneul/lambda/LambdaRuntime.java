package io.haneul.lambda;

import io.haneul.lambda.exec.EnvironmentPool;
import io.haneul.lambda.exec.EnvironmentSettings;
import io.haneul.lambda.exec.ExecutionEnvironment;
import io.haneul.lambda.exec.FunctionLogs;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running parts of the Lambda service that hold processes and threads: the environment pool,
 * the idle sweep, the executor of background work (state settling), and the
 * logs. Closing it (with the server) stops every function process.
 */
final class LambdaRuntime implements AutoCloseable {

    private final EnvironmentPool<ExecutionEnvironment> pool;
    private final EnvironmentSettings settings;
    private final FunctionLogs logs;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lambda-bg-", 0).factory());
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lambda-idle-sweep").factory());
    private final java.util.List<AutoCloseable> closedAfterPool = new java.util.concurrent.CopyOnWriteArrayList<>();

    LambdaRuntime(EnvironmentPool<ExecutionEnvironment> pool, EnvironmentSettings settings, FunctionLogs logs, Duration sweepEvery) {
        this.pool = pool;
        this.settings = settings;
        this.logs = logs;
        long every = Math.max(100, sweepEvery.toMillis());
        sweeper.scheduleWithFixedDelay(pool::stopIdle, every, every, TimeUnit.MILLISECONDS);
    }

    EnvironmentPool<ExecutionEnvironment> pool() {
        return pool;
    }

    EnvironmentSettings settings() {
        return settings;
    }

    FunctionLogs logs() {
        return logs;
    }

    ExecutorService background() {
        return background;
    }

    /** A part closed with the runtime, once every function process is stopped (a listener, a watcher). */
    void closeAfterPool(AutoCloseable part) {
        closedAfterPool.add(part);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        pool.close();
        for (AutoCloseable part : closedAfterPool) {
            try {
                part.close();
            } catch (Exception ignored) {
                // closing with the server: nothing left to tell
            }
        }
        background.shutdownNow();
    }
}
