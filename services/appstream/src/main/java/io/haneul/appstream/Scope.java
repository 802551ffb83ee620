package io.haneul.appstream;

import io.haneul.core.engine.RequestContext;

/** The account and region a call works in: every AppStream resource belongs to one. */
record Scope(String account, String region) {

    static Scope of(RequestContext ctx) {
        return new Scope(ctx.accountId(), ctx.region());
    }
}
