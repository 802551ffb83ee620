package io.haneul.core.internal;

import io.haneul.core.wire.WireRequest;

import java.util.List;
import java.util.Objects;

/**
 * One call of an internal route: the request as received, and whose data the caller may see (decided
 * by the server before the route runs, from the request's signature and the credentials file).
 *
 * @param request the request
 * @param viewer  the accounts visible to the caller
 */
public record InternalCall(WireRequest request, Viewer viewer) {

    public InternalCall {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(viewer, "viewer");
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = request.queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The account filter of a listing: see {@link Viewer#listFilter(String)} applied to {@code ?account=}. */
    public String accountFilter() {
        return viewer.listFilter(param("account"));
    }

    /** The account an action applies to: see {@link Viewer#target(String)} applied to {@code ?account=}. */
    public String targetAccount() {
        return viewer.target(param("account"));
    }
}
