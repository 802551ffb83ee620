package io.haneul.sagemaker.algorithms;

/**
 * A training or inference failure with the text AWS users see: a training job's FailureReason, or an
 * InvokeEndpoint ModelError / ValidationError message. {@code clientError} tells the caller which.
 */
public final class AlgorithmException extends Exception {

    private final boolean clientError;
    private final boolean stopped;
    private final boolean timedOut;

    private AlgorithmException(String message, boolean clientError, boolean stopped, boolean timedOut) {
        super(message);
        this.clientError = clientError;
        this.stopped = stopped;
        this.timedOut = timedOut;
    }

    /** Bad hyperparameters or bad input data: the user's fault (ClientError in FailureReason, 4xx at invoke). */
    public static AlgorithmException client(String message) {
        return new AlgorithmException(message, true, false, false);
    }

    /** The algorithm itself failed. */
    public static AlgorithmException internal(String message) {
        return new AlgorithmException(message, false, false, false);
    }

    /** The model did not answer within the invocation timeout (a stream's ModelInvocationTimeExceeded). */
    public static AlgorithmException timedOut(String message) {
        return new AlgorithmException(message, false, false, true);
    }

    /** Training ended because a stop was requested. */
    public static AlgorithmException stopped() {
        return new AlgorithmException("Training job stopped", false, true, false);
    }

    public boolean clientError() {
        return clientError;
    }

    public boolean isStopped() {
        return stopped;
    }

    public boolean isTimedOut() {
        return timedOut;
    }
}
