package io.haneul.lambda.exec;

import io.haneul.lambda.domain.FunctionRecord;

import java.util.OptionalInt;

/**
 * A function's reserved concurrency as the runner needs it at every invocation: how many
 * environments the function may have at once (PutFunctionConcurrency), or empty when it has no
 * reservation and shares the account's limit. Looked up per invocation, so a change applies to the
 * next one without restarting anything; it must answer from memory (the Lambda module's answers
 * from a cache that PutFunctionConcurrency and DeleteFunctionConcurrency clear).
 */
@FunctionalInterface
public interface ReservedConcurrency {

    /** No function has a reservation. */
    ReservedConcurrency NONE = fn -> OptionalInt.empty();

    OptionalInt of(FunctionRecord fn);
}
