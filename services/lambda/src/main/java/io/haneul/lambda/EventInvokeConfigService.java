package io.haneul.lambda;

import io.haneul.lambda.domain.DestinationRules;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.store.SqlAsyncConfigStore;

import java.time.Clock;
import java.util.List;

/**
 * EventInvokeConfig: how asynchronous invocations of a function, version or alias are retried, how
 * old their events may get and where records of their outcomes go. Configs are kept per function
 * and qualifier ({@code $LATEST} when none is named); {@link AsyncInvocations} reads them at each
 * attempt, so a change applies to events already queued, as on AWS.
 */
final class EventInvokeConfigService {

    private final FunctionService functions;
    private final SqlAsyncConfigStore store;
    private final Clock clock;

    EventInvokeConfigService(FunctionService functions, SqlAsyncConfigStore store, Clock clock) {
        this.functions = functions;
        this.store = store;
        this.clock = clock;
    }

    /** What the caller asked to set; null members are not given. */
    record Change(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds, boolean destinationsGiven, String onSuccess,
                  String onFailure) {

        boolean empty() {
            return maximumRetryAttempts == null && maximumEventAgeInSeconds == null && !destinationsGiven;
        }
    }

    /** PutFunctionEventInvokeConfig: replaces the whole config (members not given return to AWS's defaults). */
    EventInvokeConfig put(String account, String region, String functionName, String qualifier, Change change) {
        String q = qualifierOf(account, region, functionName, qualifier);
        FunctionRecord fn = resolve(account, region, functionName, q);
        check(account, region, fn, change);
        EventInvokeConfig c = new EventInvokeConfig(account, region, fn.name(), q, change.maximumRetryAttempts(),
                change.maximumEventAgeInSeconds(), emptyToNull(change.onSuccess()), emptyToNull(change.onFailure()), clock.millis());
        store.putEventInvokeConfig(c);
        return c;
    }

    /** UpdateFunctionEventInvokeConfig: changes the members given; a DestinationConfig given replaces both destinations. */
    EventInvokeConfig update(String account, String region, String functionName, String qualifier, Change change) {
        String q = qualifierOf(account, region, functionName, qualifier);
        FunctionRecord fn = resolve(account, region, functionName, q);
        EventInvokeConfig old = store.eventInvokeConfig(account, region, fn.name(), q).orElseThrow(() -> missing(account, region, fn.name(), q));
        check(account, region, fn, change);
        EventInvokeConfig c = new EventInvokeConfig(account, region, fn.name(), q,
                change.maximumRetryAttempts() != null ? change.maximumRetryAttempts() : old.maximumRetryAttempts(),
                change.maximumEventAgeInSeconds() != null ? change.maximumEventAgeInSeconds() : old.maximumEventAgeInSeconds(),
                change.destinationsGiven() ? emptyToNull(change.onSuccess()) : old.onSuccess(),
                change.destinationsGiven() ? emptyToNull(change.onFailure()) : old.onFailure(), clock.millis());
        store.putEventInvokeConfig(c);
        return c;
    }

    EventInvokeConfig get(String account, String region, String functionName, String qualifier) {
        String q = qualifierOf(account, region, functionName, qualifier);
        String name = FunctionArns.parse(functionName, region, account).name();
        return store.eventInvokeConfig(account, region, name, q).orElseThrow(() -> missing(account, region, name, q));
    }

    void delete(String account, String region, String functionName, String qualifier) {
        String q = qualifierOf(account, region, functionName, qualifier);
        String name = FunctionArns.parse(functionName, region, account).name();
        if (!store.deleteEventInvokeConfig(account, region, name, q)) {
            throw missing(account, region, name, q);
        }
    }

    /** A function's configs, all its qualifiers, after {@code afterQualifier}; the function must exist. */
    List<EventInvokeConfig> list(String account, String region, String functionName, String afterQualifier, int limit) {
        FunctionRecord fn = functions.get(account, region, FunctionArns.parse(functionName, region, account).name());
        return store.eventInvokeConfigs(account, region, fn.name(), afterQualifier, limit);
    }

    /** The config that applies to an asynchronous invocation of {@code name:qualifier} (AWS's defaults when none is set). */
    EventInvokeConfig effective(String account, String region, String name, String qualifier) {
        String q = qualifier == null ? FunctionRecord.LATEST : qualifier;
        return store.eventInvokeConfig(account, region, name, q).orElseGet(() -> EventInvokeConfig.defaults(account, region, name, q));
    }

    private void check(String account, String region, FunctionRecord fn, Change change) {
        if (change.empty()) {
            throw LambdaException.invalidParameter("You must specify at least one of error handling or destination setting.");
        }
        if (change.destinationsGiven()) {
            DestinationRules.checkDestinations(fn.name(), change.onSuccess(), change.onFailure(), arn -> exists(account, region, arn));
        }
    }

    private boolean exists(String account, String region, String arn) {
        try {
            functions.get(account, region, arn);
            return true;
        } catch (LambdaException e) {
            return false;
        }
    }

    /** The function and qualifier named, which must exist (another engineer's versions and aliases resolve here). */
    private FunctionRecord resolve(String account, String region, String functionName, String q) {
        String name = FunctionArns.parse(functionName, region, account).name();
        return functions.get(account, region, FunctionRecord.LATEST.equals(q) ? name : name + ":" + q);
    }

    /** The qualifier asked for: the parameter, else the one in the name, else {@code $LATEST}. */
    static String qualifierOf(String account, String region, String functionName, String qualifier) {
        String q = qualifier != null && !qualifier.isEmpty() ? qualifier : FunctionArns.parse(functionName, region, account).qualifier();
        return q == null || q.isEmpty() ? FunctionRecord.LATEST : q;
    }

    private static LambdaException missing(String account, String region, String name, String qualifier) {
        return new LambdaException("ResourceNotFoundException", 404, "The function " + FunctionArns.arn(region, account, name)
                + ":" + qualifier + " doesn't have an EventInvokeConfig");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
