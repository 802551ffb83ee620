package io.haneul.lambda.domain;

import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.PolicyPrincipal;

import java.time.Instant;
import java.util.List;

/**
 * What a function's resource policy must grant a function URL's caller, as AWS decides it: the
 * caller needs {@code lambda:InvokeFunctionUrl}, evaluated with {@code lambda:FunctionUrlAuthType}
 * (the URL's AuthType) in the request context, and, for URLs created from October 2025 on, also
 * {@code lambda:InvokeFunction}, evaluated with {@code lambda:InvokedViaFunctionUrl = true} (so a
 * statement can allow invocations through the URL only). AuthType {@code NONE} callers are
 * anonymous: only {@code "*"} statements cover them. AWS's public-URL setup is therefore two
 * statements (AddPermission with {@code FunctionUrlAuthType NONE}, and with
 * {@code InvokedViaFunctionUrl true}).
 */
public final class FunctionUrlGrants {

    public static final String INVOKE_URL = "lambda:InvokeFunctionUrl";
    public static final String AUTH_TYPE = "lambda:FunctionUrlAuthType";
    public static final String INVOKED_VIA_URL = "lambda:InvokedViaFunctionUrl";
    /** From when AWS requires {@code lambda:InvokeFunction} too ("starting in October 2025, new function URLs"). */
    public static final Instant BOTH_ACTIONS_FROM = Instant.parse("2025-10-01T00:00:00Z");

    private FunctionUrlGrants() {
    }

    /** The actions a URL created at {@code createdAt} needs granted, in the order they are checked. */
    public static List<String> actionsFor(Instant createdAt) {
        return createdAt.isBefore(BOTH_ACTIONS_FROM) ? List.of(INVOKE_URL) : List.of(INVOKE_URL, PermissionStatements.INVOKE);
    }

    /** The request context of one of those actions for a URL of {@code authType} called by {@code caller}. */
    public static ContextKeys keys(String action, String authType, PolicyPrincipal caller) {
        ContextKeys.Builder keys = ContextKeys.builder().principal(caller);
        return (INVOKE_URL.equals(action) ? keys.put(AUTH_TYPE, authType) : keys.put(INVOKED_VIA_URL, "true")).build();
    }
}
