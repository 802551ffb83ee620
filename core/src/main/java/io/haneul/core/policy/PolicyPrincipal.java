package io.haneul.core.policy;

/**
 * Who is asking, as a resource policy's {@code Principal} element is matched against it: an
 * account's caller (Haneul's callers are account roots: {@code arn:aws:iam::<account>:root}), an
 * AWS service acting for a resource (SNS delivering to a queue: {@code sns.amazonaws.com}), or an
 * anonymous caller (a website visitor), whom only {@code "*"} covers.
 *
 * @param account the caller's account, or null for services and anonymous callers
 * @param arn     the caller's ARN, or null
 * @param service the service principal's name, or null
 */
public record PolicyPrincipal(String account, String arn, String service) {

    public static PolicyPrincipal account(String account) {
        return new PolicyPrincipal(account, "arn:aws:iam::" + account + ":root", null);
    }

    public static PolicyPrincipal service(String service) {
        return new PolicyPrincipal(null, null, service);
    }

    public static PolicyPrincipal anonymous() {
        return new PolicyPrincipal(null, null, null);
    }

    /** The service principal that delivers from a resource, by its ARN's service ({@code arn:aws:sns:...} -> {@code sns.amazonaws.com}). */
    public static PolicyPrincipal serviceOf(String sourceArn) {
        String[] parts = sourceArn == null ? new String[0] : sourceArn.split(":", 4);
        return service(parts.length > 2 && !parts[2].isEmpty() ? parts[2] + ".amazonaws.com" : "unknown.amazonaws.com");
    }

    public boolean isAnonymous() {
        return account == null && service == null;
    }
}
