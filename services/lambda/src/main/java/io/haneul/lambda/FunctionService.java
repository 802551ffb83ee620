package io.haneul.lambda;

import io.haneul.lambda.code.CodePackage;
import io.haneul.lambda.code.CodeUnpacker;
import io.haneul.lambda.domain.AliasRecord;
import io.haneul.lambda.domain.DestinationRules;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.FunctionRules;
import io.haneul.lambda.domain.FunctionSpec;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.Qualifiers;
import io.haneul.lambda.exec.RuntimeCatalog;
import io.haneul.lambda.store.SqlFunctionStore;
import io.haneul.lambda.store.SqlVersionStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The control plane: functions created, read, listed, changed and deleted, with the state machine
 * the SDK waiters poll. A creation answers {@code State: Pending} and an update
 * {@code LastUpdateStatus: InProgress}; the preparation step (code unpacked, runtime found, both
 * done before the answer so that their errors reach the caller) is then confirmed in the
 * background, which makes the function {@code Active}/{@code Successful}, as on AWS.
 *
 * <p>It is also the one place a qualifier is resolved ({@link #get}, {@link #resolve}): a name, ARN
 * or partial ARN with {@code :$LATEST}, {@code :<version>} or {@code :<alias>} (or none) names
 * {@code $LATEST}, a published version (a frozen copy in {@link SqlVersionStore}) or the version an
 * alias points to. Only {@code $LATEST} changes; PublishVersion freezes it under the next number.
 */
final class FunctionService {

    private final SqlFunctionStore store;
    private final CodeUnpacker unpacker;
    private final RuntimeCatalog runtimes;
    private final FunctionRules rules;
    private final Clock clock;
    private final Executor background;
    private final Consumer<FunctionRecord> onChange;
    private final FunctionVersions versions;
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

    /** @param onChange told when a function's configuration or code, or a version, is replaced or deleted (warm environments go) */
    FunctionService(SqlFunctionStore store, CodeUnpacker unpacker, RuntimeCatalog runtimes, FunctionRules rules, Clock clock,
                    Executor background, Consumer<FunctionRecord> onChange, FunctionVersions versions, FunctionChecks checks) {
        this.versions = versions;
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
        DestinationRules.checkDeadLetterTarget(spec.deadLetterTargetArn());
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

    /**
     * The configuration a function name resolves to, the way every operation and other Lambda parts
     * resolve one: {@code name}, {@code name:$LATEST}, {@code name:3}, {@code name:alias}, or the same
     * as an ARN or partial ARN. For an alias, the version it points to (its routing weights are not
     * applied: see {@link #target}). Unknown: {@code ResourceNotFoundException} with AWS's message.
     */
    FunctionRecord get(String account, String region, String functionName) {
        return resolve(account, region, functionName).function();
    }

    /**
     * A resolved name: the configuration, the alias it went through (or null), and the qualifier as
     * given (null when none).
     */
    record Resolved(FunctionRecord function, AliasRecord alias, String qualifier) {

        /** The ARN the caller used: unqualified, or with the version or alias it named. */
        String invokedArn() {
            return qualifier == null ? function.arn() : function.arn() + ":" + qualifier;
        }
    }

    /** As {@link #get}, keeping the alias and qualifier. */
    Resolved resolve(String account, String region, String functionName) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        String qualifier = named.qualifier();
        if (qualifier == null) {
            return new Resolved(latest(account, region, named.name()), null, null);
        }
        String qualifiedArn = FunctionArns.arn(region, account, named.name()) + ":" + qualifier;
        if (Qualifiers.isAlias(qualifier)) {
            AliasRecord alias = versions.aliases().get(account, region, named.name(), qualifier)
                    .orElseThrow(() -> LambdaException.notFound(qualifiedArn));
            return new Resolved(version(account, region, named.name(), alias.functionVersion()), alias, qualifier);
        }
        return new Resolved(version(account, region, named.name(), qualifier), null, qualifier);
    }

    /**
     * What an invocation of {@code functionName} runs: as {@link #resolve}, and through an alias with
     * routing weights, the version the router picks.
     */
    Resolved target(String account, String region, String functionName) {
        Resolved resolved = resolve(account, region, functionName);
        if (resolved.alias() == null || resolved.alias().weights().isEmpty()) {
            return resolved;
        }
        String picked = versions.router().pick(resolved.alias());
        if (picked.equals(resolved.function().version())) {
            return resolved;
        }
        return new Resolved(version(account, region, resolved.function().name(), picked), resolved.alias(), resolved.qualifier());
    }

    /**
     * The function a name or ARN belongs to, any qualifier ignored: its {@code $LATEST}, which carries
     * what belongs to the function as a whole (tags; aliases and versions hang off its name).
     */
    FunctionRecord function(String account, String region, String functionName) {
        return latest(account, region, FunctionArns.parse(functionName, region, account).name());
    }

    /** A function's {@code $LATEST}; unknown: {@code Function not found} with the unqualified ARN. */
    FunctionRecord latest(String account, String region, String name) {
        return store.get(account, region, name).orElseThrow(() -> LambdaException.notFound(FunctionArns.arn(region, account, name)));
    }

    /** {@code $LATEST} or a published version by number; unknown: {@code Function not found} with the qualified ARN. */
    FunctionRecord version(String account, String region, String name, String version) {
        if (Qualifiers.isLatest(version)) {
            return store.get(account, region, name)
                    .orElseThrow(() -> LambdaException.notFound(FunctionArns.arn(region, account, name) + ":" + version));
        }
        Optional<FunctionRecord> found = Qualifiers.isVersion(version)
                ? versions.versions().get(account, region, name, Long.parseLong(version)) : Optional.empty();
        return found.orElseThrow(() -> LambdaException.notFound(FunctionArns.arn(region, account, name) + ":" + version));
    }

    /**
     * The {@code $LATEST} of a name that may only address it (updates, PublishVersion): a qualifier
     * other than {@code $LATEST} is refused, because published versions never change.
     */
    FunctionRecord latestOnly(String account, String region, String functionName) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        if (!Qualifiers.isLatest(named.qualifier())) {
            throw LambdaException.invalidParameter("Qualifier " + named.qualifier() + " is not $LATEST: a published version "
                    + "cannot be changed (" + FunctionArns.arn(region, account, named.name()) + ":" + named.qualifier() + ")");
        }
        return latest(account, region, named.name());
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
        DestinationRules.checkDeadLetterTarget(spec.deadLetterTargetArn());
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
        FunctionRecord old = function(account, region, resourceArn);
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

    /**
     * DeleteFunction. Unqualified: the function with all its versions and aliases. With a version
     * number: that version, unless an alias references it; a number that names no version changes
     * nothing (as on AWS). {@code $LATEST} is refused.
     */
    void delete(String account, String region, String functionName) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        String qualifier = named.qualifier();
        FunctionRecord latest = latest(account, region, named.name());
        if (qualifier == null) {
            List<FunctionRecord> published = versions.versions().list(account, region, latest.name(), 0, Integer.MAX_VALUE);
            if (!store.delete(account, region, latest.name())) {
                throw LambdaException.notFound(latest.arn());
            }
            versions.aliases().deleteAll(account, region, latest.name());
            versions.versions().deleteAll(account, region, latest.name());
            onChange.accept(latest);
            published.forEach(onChange);
            return;
        }
        if (Qualifiers.isLatest(qualifier)) {
            throw LambdaException.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        if (!Qualifiers.isVersion(qualifier)) {
            return;
        }
        List<String> referencing = versions.aliases().all(account, region, latest.name()).stream()
                .filter(a -> a.references(qualifier)).map(AliasRecord::name).toList();
        if (!referencing.isEmpty()) {
            throw LambdaException.conflict("Unable to delete version because the following aliases reference it: ["
                    + String.join(", ", referencing) + "]");
        }
        Optional<FunctionRecord> version = versions.versions().get(account, region, latest.name(), Long.parseLong(qualifier));
        if (version.isPresent() && versions.versions().delete(account, region, latest.name(), Long.parseLong(qualifier))) {
            onChange.accept(version.get());
        }
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
        FunctionRecord old = latestOnly(account, region, functionName);
        if (FunctionRecord.IN_PROGRESS.equals(old.lastUpdateStatus()) || FunctionRecord.PENDING.equals(old.state())) {
            throw LambdaException.conflict("The operation cannot be performed at this time. An update is in progress for resource: " + old.arn());
        }
        checkRevision(expectedRevision, old.revisionId());
        return old;
    }

    /** AWS's answer to a stale {@code RevisionId} (functions and aliases alike). */
    static void checkRevision(String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw staleRevision();
        }
    }

    static LambdaException staleRevision() {
        return new LambdaException("PreconditionFailedException", 412,
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
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

    static String newRevision() {
        return UUID.randomUUID().toString();
    }

    /** DeadLetterConfig with an empty TargetArn removes the dead-letter target, as on AWS. */
    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
