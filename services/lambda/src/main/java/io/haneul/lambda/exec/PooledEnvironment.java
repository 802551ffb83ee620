package io.haneul.lambda.exec;

/** What {@link EnvironmentPool} needs of an execution environment. */
public interface PooledEnvironment {

    /** The unguessable id the environment's runtime uses to reach the Runtime API. */
    String id();

    /** The function and revision it runs; an environment is reused only for the same key. */
    String key();

    /** False once its process has exited or it was stopped. */
    boolean alive();

    /** Stops it: kills its whole process tree. Idempotent. */
    void stop();
}
