package io.haneul.lambda;

import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.store.SqlAsyncConfigStore;

/**
 * The parts behind the asynchronous-invocation and concurrency operations of {@link LambdaProvider}
 * (EventInvokeConfig, reserved and provisioned concurrency, account settings).
 */
record AsyncConfigOperations(EventInvokeConfigService eventConfigs, ConcurrencyService concurrency, SqlAsyncConfigStore store) {

    /** Forgets what was configured for a function DeleteFunction removed whole (no qualifier). */
    void forgetDeleted(String account, String region, String functionName, String qualifier) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        if ((qualifier == null || qualifier.isEmpty()) && named.qualifier() == null) {
            store.forget(account, region, named.name());
            concurrency.functionDeleted(account, region, named.name());
        }
    }
}
