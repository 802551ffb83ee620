package io.haneul.core.wire;

/**
 * A streamed request body that may end with HTTP trailer fields (a chunked body's trailer, declared
 * by the {@code Trailer} header). The Lambda Runtime API uses them: a runtime that fails after it
 * started streaming a response reports the error in {@code Lambda-Runtime-Function-Error-Type} and
 * {@code -Body} trailers.
 */
public interface TrailingBody {

    /** The trailer fields, once the body has been read to its end; empty before, or when it had none. */
    Headers trailers();
}
