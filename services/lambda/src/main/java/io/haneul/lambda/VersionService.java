package io.haneul.lambda;

import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.Qualifiers;
import io.haneul.lambda.store.SqlVersionStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Published versions: PublishVersion (and {@code Publish: true} of CreateFunction and
 * UpdateFunctionCode), ListVersionsByFunction, ListFunctions' {@code FunctionVersion=ALL}. A version
 * is a frozen copy of {@code $LATEST} in {@link SqlVersionStore}; resolving a qualifier to one, and
 * deleting one, are {@link FunctionService}'s.
 */
final class VersionService {

    private final FunctionService functions;
    private final SqlVersionStore versions;
    private final Clock clock;

    VersionService(FunctionService functions, SqlVersionStore versions, Clock clock) {
        this.functions = functions;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * PublishVersion: freezes {@code $LATEST} as the next version number. With no change since the
     * last publication, that version is answered again (AWS publishes nothing new).
     *
     * @param codeSha256       when given, must be {@code $LATEST}'s code hash
     * @param expectedRevision when given, must be {@code $LATEST}'s revision
     */
    FunctionRecord publish(String account, String region, String functionName, String codeSha256, String description,
                           String expectedRevision) {
        FunctionRecord latest = functions.latestOnly(account, region, functionName);
        if (latest.settling()) {
            throw LambdaException.conflict("The operation cannot be performed at this time. An update is in progress for resource: "
                    + latest.arn());
        }
        FunctionService.checkRevision(expectedRevision, latest.revisionId());
        if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
            throw LambdaException.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different from current CodeSHA256 in $LATEST ("
                    + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        return publishFrom(latest, description);
    }

    /** {@code Publish: true} of CreateFunction and UpdateFunctionCode: the version of the configuration just stored. */
    FunctionRecord publishNow(FunctionRecord latest) {
        return publishFrom(latest, null);
    }

    private FunctionRecord publishFrom(FunctionRecord latest, String description) {
        return versions.publish(latest,
                number -> latest.asVersion(String.valueOf(number), description, FunctionService.newRevision(), clock.millis())).version();
    }

    /**
     * ListVersionsByFunction: {@code $LATEST} first, then the published versions by number, after
     * {@code after} ({@code $LATEST} or a number; null: from the start).
     */
    List<FunctionRecord> versions(String account, String region, String functionName, String after, int limit) {
        FunctionRecord latest = functions.latestOnly(account, region, functionName);
        List<FunctionRecord> page = new ArrayList<>();
        if (after == null) {
            page.add(latest);
        } else if (!Qualifiers.isLatest(after) && !Qualifiers.isVersion(after)) {
            throw LambdaException.invalidParameter("Invalid marker: " + after);
        }
        long from = after == null || Qualifiers.isLatest(after) ? 0 : Long.parseLong(after);
        page.addAll(versions.list(account, region, latest.name(), from, limit - page.size()));
        return page;
    }

    /**
     * ListFunctions with {@code FunctionVersion=ALL}: every function's {@code $LATEST} followed by its
     * published versions, functions by name, resuming after {@code afterVersion} of {@code afterName}
     * (both null: from the start).
     */
    List<FunctionRecord> listAllVersions(String account, String region, String afterName, String afterVersion, int limit) {
        List<FunctionRecord> out = new ArrayList<>();
        if (afterName != null) {
            long from = Qualifiers.isVersion(afterVersion) ? Long.parseLong(afterVersion) : 0;
            out.addAll(versions.list(account, region, afterName, from, limit));  // none once the function is gone
        }
        String cursor = afterName;
        while (out.size() < limit) {
            List<FunctionRecord> batch = functions.list(account, region, cursor, limit);
            for (FunctionRecord fn : batch) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(fn);
                out.addAll(versions.list(account, region, fn.name(), 0, limit - out.size()));
            }
            if (batch.size() < limit) {
                break;
            }
            cursor = batch.getLast().name();
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
