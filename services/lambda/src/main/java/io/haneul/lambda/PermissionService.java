package io.haneul.lambda;

import io.haneul.core.policy.PolicyPrincipal;
import io.haneul.lambda.domain.FunctionArns;
import io.haneul.lambda.domain.FunctionUrlGrants;
import io.haneul.lambda.domain.FunctionPolicy;
import io.haneul.lambda.domain.FunctionRecord;
import io.haneul.lambda.domain.LambdaException;
import io.haneul.lambda.domain.PermissionStatements;
import io.haneul.lambda.store.SqlPolicyStore;
import io.haneul.lambda.url.FunctionUrlConfig;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Resource policies (AddPermission, RemovePermission, GetPolicy), kept per function and qualifier,
 * and their enforcement when another service invokes a function as its service principal: SNS,
 * S3 and SES pass {@code sns.amazonaws.com} and the like with the source resource's ARN, and the
 * invocation goes ahead only when a statement allows that principal {@code lambda:InvokeFunction}
 * with its {@code AWS:SourceArn}/{@code AWS:SourceAccount} conditions met
 * ({@link PermissionStatements#allowsInvoke}, core's policy engine, as for S3's and SQS's resource policies). A same-account API caller needs no
 * statement, as on AWS where the caller's own IAM policy is what counts. Function URLs' callers are
 * checked here too ({@link #allowsUrl}).
 */
final class PermissionService {

    private static final String INVOKE = PermissionStatements.INVOKE;
    private static final String UNQUALIFIED = "";

    private final FunctionService functions;
    private final SqlPolicyStore store;
    private final PermissionStatements statements;

    PermissionService(FunctionService functions, SqlPolicyStore store, PermissionStatements statements) {
        this.functions = functions;
        this.store = store;
        this.statements = statements;
    }

    /** Adds a statement; answers the statement as AddPermission returns it (JSON text). */
    String add(String account, String region, String functionName, String qualifier, PermissionStatements.Grant grant,
               String revisionId) {
        Target t = target(account, region, functionName, qualifier);
        if ("$LATEST".equals(t.qualifier())) {
            throw LambdaException.invalidParameter("We currently do not support adding policies for $LATEST.");
        }
        var statement = statements.statement(grant, t.arn());
        store.change(account, region, t.fn().name(), t.key(), old -> {
            checkRevision(revisionId, old, t.fn());
            return new FunctionPolicy(statements.add(old == null ? null : old.statements(), statement), newRevision());
        });
        return statement.toString();
    }

    void remove(String account, String region, String functionName, String qualifier, String statementId, String revisionId) {
        Target t = target(account, region, functionName, qualifier);
        store.change(account, region, t.fn().name(), t.key(), old -> {
            if (old == null) {
                throw new LambdaException("ResourceNotFoundException", 404, "The resource you requested does not exist.");
            }
            checkRevision(revisionId, old, t.fn());
            String left = statements.remove(old.statements(), statementId);
            return left == null ? null : new FunctionPolicy(left, newRevision());
        });
    }

    /** The policy document and its revision, as GetPolicy answers them. */
    FunctionPolicy get(String account, String region, String functionName, String qualifier) {
        Target t = target(account, region, functionName, qualifier);
        FunctionPolicy p = store.get(account, region, t.fn().name(), t.key())
                .orElseThrow(() -> new LambdaException("ResourceNotFoundException", 404, "The resource you requested does not exist."));
        return new FunctionPolicy(statements.policy(p.statements()), p.revisionId());
    }

    /** A deleted function's policies go with it, so that a new function of the same name starts with none. */
    void functionDeleted(String account, String region, String name) {
        store.deleteAll(account, region, name);
    }

    /**
     * Whether a service principal may invoke the function (and qualifier) it named; a null principal
     * (a same-account caller) always may.
     *
     * @throws LambdaException AccessDeniedException when no statement allows it
     */
    void authorizeInvoke(FunctionRecord fn, String qualifier, String principal, String sourceArn) {
        if (principal == null) {
            return;
        }
        String key = qualifier == null || qualifier.equals("$LATEST") ? UNQUALIFIED : qualifier;
        String resource = key.isEmpty() ? fn.arn() : fn.arn() + ":" + key;
        Optional<FunctionPolicy> policy = store.get(fn.account(), fn.region(), fn.name(), key);
        boolean allowed = policy.isPresent() && statements.allowsInvoke(policy.get().statements(), principal, resource, sourceArn,
                sourceAccount(sourceArn, fn.account()));
        if (!allowed) {
            throw new LambdaException("AccessDeniedException", 403, "User: " + principal + " is not authorized to perform: "
                    + INVOKE + " on resource: " + resource + " because no resource-based policy allows the " + INVOKE + " action");
        }
    }

    /**
     * Whether a function URL's caller may use it ({@link FunctionUrlGrants}): the policy of the URL's
     * function (or alias) must grant the caller every action the URL needs. A signed caller of the
     * function's own account (AuthType AWS_IAM) needs no statement, since its IAM policy is what would
     * grant it and IAM policies are not enforced; another account's caller, and any caller of a NONE URL
     * (anonymous, covered only by {@code "*"}), need the policy.
     */
    boolean allowsUrl(FunctionUrlConfig url, String callerAccount) {
        if (FunctionUrlConfig.AWS_IAM.equals(url.authType()) && url.account().equals(callerAccount)) {
            return true;
        }
        String key = FunctionUrlConfig.LATEST.equals(url.qualifier()) ? UNQUALIFIED : url.qualifier();
        Optional<FunctionPolicy> policy = store.get(url.account(), url.region(), url.functionName(), key);
        if (policy.isEmpty()) {
            return false;
        }
        PolicyPrincipal caller = callerAccount == null ? PolicyPrincipal.anonymous() : PolicyPrincipal.account(callerAccount);
        Instant created = Instant.EPOCH.plus(url.createdMicros(), ChronoUnit.MICROS);
        for (String action : FunctionUrlGrants.actionsFor(created)) {
            if (!statements.allows(policy.get().statements(), caller, action, url.functionArn(),
                    FunctionUrlGrants.keys(action, url.authType(), caller))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The account of the calling resource: the one in its ARN (a topic's, a rule set's); S3 bucket
     * ARNs carry none, and a bucket that notifies a function is taken to be of the function's account.
     */
    private static String sourceAccount(String sourceArn, String functionAccount) {
        String[] parts = sourceArn == null ? new String[0] : sourceArn.split(":", 6);
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : functionAccount;
    }

    private Target target(String account, String region, String functionName, String qualifier) {
        FunctionArns.Named named = FunctionArns.parse(functionName, region, account);
        String q = qualifier != null && !qualifier.isEmpty() ? qualifier : named.qualifier();
        FunctionRecord fn = functions.get(account, region, q == null ? named.name() : named.name() + ":" + q);
        return new Target(fn, q);
    }

    private record Target(FunctionRecord fn, String qualifier) {
        String key() {
            return qualifier == null ? UNQUALIFIED : qualifier;
        }

        String arn() {
            return qualifier == null ? fn.arn() : fn.arn() + ":" + qualifier;
        }
    }

    /** RevisionId preconditions compare the policy's revision, or the function's while it has no policy. */
    private static void checkRevision(String expected, FunctionPolicy old, FunctionRecord fn) {
        if (expected == null) {
            return;
        }
        String current = old == null ? fn.revisionId() : old.revisionId();
        if (!expected.equals(current)) {
            throw new LambdaException("PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id");
        }
    }

    private static String newRevision() {
        return UUID.randomUUID().toString();
    }
}
