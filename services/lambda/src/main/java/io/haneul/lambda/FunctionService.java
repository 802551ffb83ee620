package io.haneul.lambda;

import io.haneul.lambda.code.CodePackage;
import io.haneul.lambda.code.CodeUnpacker;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.FunctionSpec;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.exec.RuntimeCatalog;
import io.haneul.lambda.store.SqlFunctionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The control plane: functions created, read, listed, changed and deleted, with the state machine
 * the SDK waiters poll. A creation answers {@code State: Pending} and an update
 * {@code LastUpdateStatus: InProgress}; the preparation step (code unpacked, runtime found, both
 * done before the answer so that their errors reach the caller) is then confirmed in the
 * background, which makes the function {@code Active}/{@code Successful}, as on AWS.
 */
final class FunctionService {

    private final SqlFunctionStore store;
    private final CodeUnpacker unpacker;
    private final RuntimeCatalog runtimes;
    private final FunctionRules rules;
    private final Clock clock;
    private final Executor background;
    private final Consumer<FunctionRecord> onChange;
    private final FunctionChecks checks;

    /**
     * Checks of a configuration that need other parts of Haneul (the layers a function names, its
     * execution role in IAM), run before a creation or change is stored.
     */
    interface FunctionChecks {
        FunctionChecks NONE = new FunctionChecks() {
        };

        /** Refuses an execution role Lambda could not assume. */
        default void checkRole(String account, String role) {
        }

        /** Refuses layers that do not exist, are not shared with the account, or are too many or too large with the code. */
        default void checkLayers(String account, String region, List<String> layerArns, Path codeRoot) {
        }

        /** Refuses new code too large with the layers the function already has (deleted versions still count). */
        default void checkCodeWithLayers(List<String> layerArns, Path codeRoot) {
        }
    }

    /** @param onChange told when a function's configuration or code is replaced or deleted (warm environments go) */
    FunctionService(SqlFunctionStore store, CodeUnpacker unpacker, RuntimeCatalog runtimes, FunctionRules rules, Clock clock,
                    Executor background, Consumer<FunctionRecord> onChange) {
        this(store, unpacker, runtimes, rules, clock, background, onChange, FunctionChecks.NONE);
    }

    FunctionService(SqlFunctionStore store, CodeUnpacker unpacker, RuntimeCatalog runtimes, FunctionRules rules, Clock clock,
                    Executor background, Consumer<FunctionRecord> onChange, FunctionChecks checks) {
        this.checks = checks;
        this.store = store;
        this.unpacker = unpacker;
        this.runtimes = runtimes;
        this.rules = rules;
        this.clock = clock;
        this.background = background;
        this.onChange = onChange;
    }

    FunctionRecord create(String account, String region, String functionName, FunctionSpec spec, byte[] zip) {
        String name = FunctionArns.parse(functionName, region, account).name();
        if (spec.runtime() == null) {
            throw LambdaException.invalidParameter("Runtime is required for the code package type Zip.");
        }
        runtimes.require(spec.runtime());
        rules.checkHandler(spec.handler());
        Map<String, String> environment = spec.environment() == null ? Map.of() : spec.environment();
        rules.checkEnvironment(environment);
        if (zip == null || zip.length == 0) {
            throw LambdaException.invalidParameter("Please provide a source for function code.");
        }
        checks.checkRole(account, spec.role());
        CodePackage code = unpacker.unpack(zip);
        checks.checkLayers(account, region, spec.layers() == null ? List.of() : spec.layers(), code.root());
        FunctionRecord fn = new FunctionRecord(account, region, name, spec.runtime(), spec.handler(), spec.role(),
                Objects.requireNonNullElse(spec.description(), ""), Objects.requireNonNullElse(spec.timeout(), 3),
                Objects.requireNonNullElse(spec.memorySize(), 128), environment,
                spec.tags() == null ? Map.of() : spec.tags(),
                spec.architectures() == null || spec.architectures().isEmpty() ? List.of("x86_64") : spec.architectures(),
                Objects.requireNonNullElse(spec.ephemeralStorage(), 512), code.sha256Base64(), code.size(), newRevision(),
                clock.millis(), FunctionRecord.PENDING, null, FunctionRecord.LATEST, spec.layers(), emptyToNull(spec.deadLetterTargetArn()));
        if (!store.create(fn)) {
            throw LambdaException.conflict("Function already exist: " + name);
        }
        settleLater(fn);
        return fn;
    }

    FunctionRecord get(String account, String region, String functionName) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        if (named.qualifier() != null && !named.qualifier().equals("$LATEST")) {
            throw LambdaException.notFound(FunctionArns.arn(region, account, named.name()) + ":" + named.qualifier());
        }
        return store.get(account, region, named.name())
                .orElseThrow(() -> LambdaException.notFound(FunctionArns.arn(region, account, named.name())));
    }

    List<FunctionRecord> list(String account, String region, String afterName, int limit) {
        return store.list(account, region, afterName, limit);
    }

    FunctionRecord updateCode(String account, String region, String functionName, byte[] zip, String expectedRevision) {
        FunctionRecord old = updatable(account, region, functionName, expectedRevision);
        if (zip == null || zip.length == 0) {
            throw LambdaException.invalidParameter("Please provide a source for function code.");
        }
        CodePackage code = unpacker.unpack(zip);
        checks.checkCodeWithLayers(old.layers(), code.root());
        return replace(old, new FunctionRecord(old.account(), old.region(), old.name(), old.runtime(), old.handler(), old.role(),
                old.description(), old.timeout(), old.memorySize(), old.environment(), old.tags(), old.architectures(),
                old.ephemeralStorage(), code.sha256Base64(), code.size(), newRevision(), clock.millis(), old.state(),
                FunctionRecord.IN_PROGRESS, old.version(), old.layers(), old.deadLetterTargetArn()));
    }

    FunctionRecord updateConfiguration(String account, String region, String functionName, FunctionSpec spec, String expectedRevision) {
        FunctionRecord old = updatable(account, region, functionName, expectedRevision);
        String runtime = Objects.requireNonNullElse(spec.runtime(), old.runtime());
        runtimes.require(runtime);
        String handler = Objects.requireNonNullElse(spec.handler(), old.handler());
        rules.checkHandler(handler);
        Map<String, String> environment = Objects.requireNonNullElse(spec.environment(), old.environment());
        rules.checkEnvironment(environment);
        if (spec.role() != null) {
            checks.checkRole(account, spec.role());
        }
        if (spec.layers() != null) {
            checks.checkLayers(account, region, spec.layers(), unpacker.rootOf(old.codeSha256()));
        }
        return replace(old, new FunctionRecord(old.account(), old.region(), old.name(), runtime, handler,
                Objects.requireNonNullElse(spec.role(), old.role()), Objects.requireNonNullElse(spec.description(), old.description()),
                Objects.requireNonNullElse(spec.timeout(), old.timeout()), Objects.requireNonNullElse(spec.memorySize(), old.memorySize()),
                environment, old.tags(), old.architectures(), Objects.requireNonNullElse(spec.ephemeralStorage(), old.ephemeralStorage()),
                old.codeSha256(), old.codeSize(), newRevision(), clock.millis(), old.state(), FunctionRecord.IN_PROGRESS,
                old.version(), Objects.requireNonNullElse(spec.layers(), old.layers()),
                spec.deadLetterTargetArn() == null ? old.deadLetterTargetArn() : emptyToNull(spec.deadLetterTargetArn())));
    }

    /**
     * Adds and removes a function's tags (TagResource, UntagResource). Tags are not part of the
     * configuration: the revision and the warm environments stay as they are.
     */
    FunctionRecord retag(String account, String region, String resourceArn, Map<String, String> add, List<String> remove) {
        FunctionRecord old = get(account, region, resourceArn);
        Map<String, String> tags = new java.util.TreeMap<>(old.tags());
        tags.putAll(add);
        remove.forEach(tags::remove);
        if (tags.size() > 50) {
            throw LambdaException.invalidParameter("Number of tags exceeds resource tag limit.");
        }
        FunctionRecord updated = new FunctionRecord(old.account(), old.region(), old.name(), old.runtime(), old.handler(), old.role(),
                old.description(), old.timeout(), old.memorySize(), old.environment(), tags, old.architectures(),
                old.ephemeralStorage(), old.codeSha256(), old.codeSize(), old.revisionId(), old.lastModifiedMillis(), old.state(),
                old.lastUpdateStatus(), old.version(), old.layers(), old.deadLetterTargetArn());
        if (!store.replace(updated, old.revisionId())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. An update is in progress for resource: " + old.arn());
        }
        return updated;
    }

    void delete(String account, String region, String functionName) {
        FunctionRecord fn = get(account, region, functionName);
        if (!store.delete(account, region, fn.name())) {
            throw LambdaException.notFound(fn.arn());
        }
        onChange.accept(fn);
    }

    /** The code directory of a function, by its code hash. */
    Path codeRoot(FunctionRecord fn) {
        return unpacker.rootOf(fn.codeSha256());
    }

    /** Completes functions a stopped server left Pending or InProgress. */
    void settleLeftovers() {
        store.settling().forEach(this::settleLater);
    }

    private FunctionRecord updatable(String account, String region, String functionName, String expectedRevision) {
        FunctionRecord old = get(account, region, functionName);
        if (FunctionRecord.IN_PROGRESS.equals(old.lastUpdateStatus()) || FunctionRecord.PENDING.equals(old.state())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. An update is in progress for resource: " + old.arn());
        }
        if (expectedRevision != null && !expectedRevision.equals(old.revisionId())) {
            throw new LambdaException("PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
        return old;
    }

    private FunctionRecord replace(FunctionRecord old, FunctionRecord updated) {
        if (!store.replace(updated, old.revisionId())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. An update is in progress for resource: " + old.arn());
        }
        onChange.accept(old);
        settleLater(updated);
        return updated;
    }

    private void settleLater(FunctionRecord fn) {
        background.execute(() -> store.replace(fn.settled(), fn.revisionId()));
    }

    private static String newRevision() {
        return UUID.randomUUID().toString();
    }

    /** DeadLetterConfig with an empty TargetArn removes the dead-letter target, as on AWS. */
    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
