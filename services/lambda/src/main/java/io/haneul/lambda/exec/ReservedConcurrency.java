package io.haneul.lambda.exec;

import io.haneul.lambda.domain.FunctionRecord;

import java.util.OptionalInt;

/**
 * A function's reserved concurrency as the runner needs it when it starts an environment: how many
 * environments the function may have at once (PutFunctionConcurrency), or empty when it has no
 * reservation and shares the account's limit. Looked up per start, so a change applies to the next
 * invocation without restarting anything.
 */
@FunctionalInterface
public interface ReservedConcurrency {

    /** No function has a reservation. */
    ReservedConcurrency NONE = fn -> OptionalInt.empty();

    OptionalInt of(FunctionRecord fn);
}
