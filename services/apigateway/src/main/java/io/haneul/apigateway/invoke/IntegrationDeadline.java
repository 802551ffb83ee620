package io.haneul.apigateway.invoke;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The integration's {@code timeoutInMillis} (50 ms to 29 s) around a blocking call that has no
 * timeout of its own (a Lambda invocation): past it API Gateway answers 504 while the call runs on,
 * as a function keeps running on AWS after API Gateway gave up on it.
 */
final class IntegrationDeadline implements AutoCloseable {

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("apigw-integration-", 0).factory());

    /** The call ran past the deadline. */
    static final class Expired extends Exception {
        Expired() {
            super(null, null, false, false);
        }
    }

    interface Call<T> {
        T run();
    }

    <T> T within(long millis, Call<T> call) throws Expired {
        Future<T> running = threads.submit(call::run);
        try {
            return running.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Expired();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw new Expired();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
