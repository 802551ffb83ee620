package io.haneul.core.policy;

import java.util.List;
import java.util.Locale;

/**
 * A {@code Principal} (or {@code NotPrincipal}) element: {@code "*"} or {@code {"AWS": "*"}} is
 * everyone, anonymous callers and services included; an account id or
 * {@code arn:aws:iam::<account>:root} is any caller of that account; another IAM ARN (a user, a
 * role) is that identity only; {@code {"Service": "sns.amazonaws.com"}} is that service acting for
 * a resource. Federated and canonical-user principals match no Haneul caller.
 */
record PrincipalPattern(boolean everyone, List<String> aws, List<String> services) {

    static final PrincipalPattern EVERYONE = new PrincipalPattern(true, List.of(), List.of());

    boolean matches(PolicyPrincipal p) {
        if (everyone || aws.contains("*")) {
            return true;
        }
        for (String a : aws) {
            if (p.account() != null && (a.equals(p.account()) || a.equals("arn:aws:iam::" + p.account() + ":root"))) {
                return true;
            }
            if (p.arn() != null && a.equals(p.arn())) {
                return true;
            }
        }
        return p.service() != null && services.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).equals(p.service().toLowerCase(Locale.ROOT)));
    }
}
