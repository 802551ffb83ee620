package io.haneul.lambda;

import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import io.haneul.lambda.store.SqlAsyncConfigStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;

/**
 * Concurrency controls: a function's reserved concurrency (PutFunctionConcurrency), enforced by the
 * environment pool when an environment starts (beyond it Invoke is throttled, and 0 throttles every
 * invocation); the account's limit and what is left unreserved (GetAccountSettings); and provisioned
 * concurrency configs of versions and aliases, recorded and reported ready (environments start on
 * demand here, and stay warm for the idle time anyway).
 *
 * <p>As on AWS, at least 100 of the account's concurrency ({@code --lambda-concurrency-limit}) must
 * stay unreserved.
 */
final class ConcurrencyService {

    /** AWS's minimum of unreserved concurrency an account keeps for functions without a reservation. */
    static final int UNRESERVED_MINIMUM = 100;
    /** AWS's limit of a zip uploaded inline (50 MB), as GetAccountSettings reports it. */
    static final long CODE_SIZE_ZIPPED = 52_428_800L;
    /** AWS's default storage for all of a region's functions (75 GB); reported, not enforced here. */
    static final long TOTAL_CODE_SIZE = 80_530_636_800L;
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final FunctionService functions;
    private final SqlAsyncConfigStore store;
    private final int accountLimit;
    private final long maxUnzippedBytes;
    private final Clock clock;
    private final ReservationCache reservations;

    /**
     * @param accountLimit     {@code --lambda-concurrency-limit}
     * @param maxUnzippedBytes {@code --lambda-max-unzipped-bytes}, reported as the account's CodeSizeUnzipped
     */
    ConcurrencyService(FunctionService functions, SqlAsyncConfigStore store, int accountLimit, long maxUnzippedBytes, Clock clock) {
        this.functions = functions;
        this.store = store;
        this.accountLimit = accountLimit;
        this.maxUnzippedBytes = maxUnzippedBytes;
        this.clock = clock;
        this.reservations = new ReservationCache(clock);
    }

    /** The account's numbers as GetAccountSettings reports them (limits, then usage). */
    record AccountSettings(int concurrentExecutions, long unreservedConcurrentExecutions, long codeSizeUnzipped,
                           long totalCodeSize, long functionCount) {
    }

    int put(String account, String region, String functionName, int reserved) {
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName));
        if (accountLimit - store.reservedTotal(account, region, fn.name()) - reserved < UNRESERVED_MINIMUM) {
            throw LambdaException.invalidParameter("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + UNRESERVED_MINIMUM + "].");
        }
        store.putReserved(account, region, fn.name(), reserved);
        reservations.forget(account, region, fn.name());
        return reserved;
    }

    /** The function's reservation; empty when it has none. */
    OptionalInt get(String account, String region, String functionName) {
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName));
        return store.reserved(account, region, fn.name());
    }

    /**
     * The reservation the runner enforces at every invocation, from memory ({@link ReservationCache}:
     * a change on another node of the same database applies here within {@link ReservationCache#FRESH_FOR}).
     */
    OptionalInt reservedOf(FunctionRecord fn) {
        return reservations.get(fn.account(), fn.region(), fn.name(), () -> store.reserved(fn.account(), fn.region(), fn.name()));
    }

    void delete(String account, String region, String functionName) {
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName));
        store.deleteReserved(account, region, fn.name());
        reservations.forget(account, region, fn.name());
    }

    /** A deleted function's reservation went with it (a function created again under its name starts without one). */
    void functionDeleted(String account, String region, String name) {
        reservations.forget(account, region, name);
    }

    AccountSettings accountSettings(String account, String region) {
        long codeSize = 0;
        long count = 0;
        String after = null;
        while (true) {
            List<FunctionRecord> page = functions.list(account, region, after, 500);
            for (FunctionRecord fn : page) {
                codeSize += fn.codeSize();
                count++;
            }
            if (page.size() < 500) {
                break;
            }
            after = page.getLast().name();
        }
        return new AccountSettings(accountLimit, accountLimit - store.reservedTotal(account, region, null), maxUnzippedBytes, codeSize, count);
    }

    ProvisionedConcurrency putProvisioned(String account, String region, String functionName, String qualifier, int requested) {
        String q = publishedQualifier(account, region, functionName, qualifier,
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName) + ":" + q);
        OptionalInt reserved = store.reserved(account, region, fn.name());
        if (reserved.isPresent() && requested > reserved.getAsInt()) {
            throw LambdaException.invalidParameter(
                    "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function");
        }
        ProvisionedConcurrency p = new ProvisionedConcurrency(account, region, fn.name(), q, requested,
                LAST_MODIFIED.format(Instant.now(clock)));
        store.putProvisioned(p);
        return p;
    }

    ProvisionedConcurrency getProvisioned(String account, String region, String functionName, String qualifier) {
        String q = publishedQualifier(account, region, functionName, qualifier,
                "The function resource provided must be an alias or a published version.");
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName) + ":" + q);
        return store.provisioned(account, region, fn.name(), q).orElseThrow(() -> new LambdaException(
                "ProvisionedConcurrencyConfigNotFoundException", 404, "No Provisioned Concurrency Config found for this function"));
    }

    List<ProvisionedConcurrency> listProvisioned(String account, String region, String functionName, String afterQualifier, int limit) {
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName));
        return store.provisionedOf(account, region, fn.name(), afterQualifier, limit);
    }

    /** Deleting a config that is not there is not an error (AWS answers 204 as well). */
    void deleteProvisioned(String account, String region, String functionName, String qualifier) {
        String q = publishedQualifier(account, region, functionName, qualifier,
                "The function resource provided must be an alias or a published version.");
        FunctionRecord fn = functions.get(account, region, unqualified(account, region, functionName) + ":" + q);
        store.deleteProvisioned(account, region, fn.name(), q);
    }

    /** The version or alias named (parameter or name suffix); {@code $LATEST} or none is refused with {@code refusal}. */
    private static String publishedQualifier(String account, String region, String functionName, String qualifier, String refusal) {
        String q = qualifier != null && !qualifier.isEmpty() ? qualifier : FunctionArns.parse(functionName, region, account).qualifier();
        if (q == null || q.isEmpty() || FunctionRecord.LATEST.equals(q)) {
            throw LambdaException.invalidParameter(refusal);
        }
        return q;
    }

    private static String unqualified(String account, String region, String functionName) {
        return FunctionArns.parse(functionName, region, account).name();
    }
}
