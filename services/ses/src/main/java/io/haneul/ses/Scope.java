package io.haneul.ses;

/**
 * Where a call acts: account and region (every SES resource is scoped to both), and the base URL
 * the client reached the server on (for verification and tracking links).
 */
record Scope(String account, String region, String baseUrl) {

    String arn(String resource) {
        return "arn:aws:ses:" + region + ":" + account + ":" + resource;
    }

    static Scope of(io.haneul.core.engine.RequestContext ctx) {
        return new Scope(ctx.accountId(), ctx.region(), ctx.baseUrl());
    }
}
