package io.haneul.cloudsearch.endpoint;

import io.haneul.cloudsearch.engine.DomainKey;
import io.haneul.core.policy.AccessRequest;
import io.haneul.core.policy.ContextKeys;
import io.haneul.core.policy.Decision;
import io.haneul.core.policy.PolicyCache;
import io.haneul.core.policy.PolicyPrincipal;

import java.time.Instant;
import java.util.Optional;

/**
 * Who may use a domain's document, search and suggest endpoints, as CloudSearch decides it with the
 * domain's service access policy: the domain's own account always (its IAM policies would be what
 * grants it, and Haneul does not enforce identity policies), another account only when the policy
 * allows it, an unsigned caller only when the policy allows everyone ({@code "AWS": "*"}), typically
 * limited by {@code aws:SourceIp}. An explicit Deny in the policy wins over everything, the owner
 * included. Actions are {@code cloudsearch:document}, {@code cloudsearch:search} and
 * {@code cloudsearch:suggest}; the resource is the domain's ARN. Before any of that, a domain whose
 * endpoint options enforce HTTPS refuses every request that arrived over plain HTTP.
 */
final class EndpointAccess {

    /**
     * What a domain that enforces HTTPS answers a plain-HTTP request: AWS does not document it, so this is
     * the refusal its endpoints document for requests their rules forbid (403, this message).
     */
    static final String HTTPS_REQUIRED = "Request forbidden by administrative rules";

    /** How many distinct policy texts stay parsed. */
    private static final int POLICIES_CACHED = 256;

    private final PolicyCache policies = new PolicyCache(POLICIES_CACHED);

    /** The caller as the endpoint saw it: an account that signed, or nobody (an unsigned request). */
    record Caller(String accountId, boolean signed) {

        static Caller anonymous() {
            return new Caller(null, false);
        }
    }

    /** Empty when a request that arrived over {@code scheme} may reach the domain, else the message of the 403 to answer. */
    static Optional<String> transportRefusal(boolean enforceHttps, String scheme) {
        return enforceHttps && !"https".equalsIgnoreCase(scheme) ? Optional.of(HTTPS_REQUIRED) : Optional.empty();
    }

    /**
     * Empty when the call may go on, else the message of the 403 to answer.
     *
     * @param lenient true when Haneul lets unsigned calls through anyway (permissive mode): they are then
     *                refused only by an explicit Deny
     */
    Optional<String> refusal(DomainKey domain, String accessPolicy, Caller caller, boolean lenient, String action,
                             String sourceIp, String scheme, Instant now) {
        String arn = "arn:aws:cloudsearch:" + domain.region() + ":" + domain.accountId() + ":domain/" + domain.domainName();
        PolicyPrincipal principal = caller.signed() ? PolicyPrincipal.account(caller.accountId()) : PolicyPrincipal.anonymous();
        Decision decision = policies.evaluate(accessPolicy, new AccessRequest(principal, "cloudsearch:" + action, arn,
                ContextKeys.ofCall(principal, now, scheme, sourceIp).build()));
        boolean allowed = decision != Decision.DENY && (decision == Decision.ALLOW
                || caller.signed() && caller.accountId().equals(domain.accountId())
                || !caller.signed() && lenient);
        if (allowed) {
            return Optional.empty();
        }
        String user = caller.signed() ? "arn:aws:iam::" + caller.accountId() + ":root" : "anonymous";
        return Optional.of(caller.signed() || decision == Decision.DENY
                ? "User: " + user + " is not authorized to perform: cloudsearch:" + action + " on resource: " + arn
                : "Request forbidden by administrative rules");
    }
}
