package io.haneul.appstream.streaming;

/**
 * A session cannot be started: the machine lacks Xvnc or the application, or the fleet's cap on
 * concurrent sessions is reached ({@code limitReached}: the API answers LimitExceededException).
 */
public final class StreamingException extends Exception {

    private final boolean limitReached;

    public StreamingException(String message, boolean limitReached) {
        super(message);
        this.limitReached = limitReached;
    }

    public boolean limitReached() {
        return limitReached;
    }
}
