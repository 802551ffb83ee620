package io.haneul.apigateway.v2.ws;

/** The connection is not open (closed, never opened, or of another API): {@code @connections} answers 410 GoneException. */
public final class GoneConnectionException extends RuntimeException {

    GoneConnectionException(String connectionId) {
        super("Connection " + connectionId + " is gone", null, false, false);
    }
}
