package io.haneul.cloudsearch.engine.search;

/** A search or suggest request the search service refuses (HTTP 400, AWS's SearchException) with its message. */
public final class SearchException extends RuntimeException {

    public SearchException(String message) {
        super(message);
    }
}
