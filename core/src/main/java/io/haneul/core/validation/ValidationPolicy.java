package io.haneul.core.validation;

import java.util.Objects;

/**
 * How one service validates requests and answers a request that fails its model's constraints.
 * {@link ValidationErrors} derives one per service from its protocol and error shapes; services
 * override it there.
 *
 * @param scope          which constraints are checked at all
 * @param code           the error answered for constraint violations (and for missing required members when
 *                       {@code missingMessage} is null): a model error shape name where the model has one
 *                       (so the engine answers that shape's code, status and, for awsJson, {@code __type}),
 *                       else a plain code answered with status 400
 * @param checkEnums     whether string values must be among the shape's {@code enum} values; only services
 *                       whose front end rejects unknown values set it
 * @param missingCode    the error answered for a missing required member when {@code missingMessage} is set
 * @param missingMessage when set, a missing required member is answered on its own (the first one, before
 *                       any other violation) as {@code missingCode} with this message, {@code %s} being the
 *                       parameter's wire name (e.g. {@code The request must contain the parameter %s.});
 *                       when null, it is one more {@code Member must not be null} violation
 */
public record ValidationPolicy(Scope scope, String code, boolean checkEnums, String missingCode,
                               String missingMessage) {

    /** Which constraints a service's validation covers. */
    public enum Scope {
        /** Every constraint of the model, recursively. */
        FULL,
        /** Only required top-level members bound to the URI path or the query string (S3, rest-xml). */
        REQUIRED_HTTP_BINDINGS,
        /** Nothing. */
        NONE
    }

    public ValidationPolicy {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(code, "code");
        if (missingMessage != null) {
            Objects.requireNonNull(missingCode, "missingCode");
        }
    }

    public ValidationPolicy withScope(Scope newScope) {
        return new ValidationPolicy(newScope, code, checkEnums, missingCode, missingMessage);
    }

    public ValidationPolicy withCode(String newCode) {
        return new ValidationPolicy(scope, newCode, checkEnums, missingCode, missingMessage);
    }

    public ValidationPolicy withCheckEnums(boolean check) {
        return new ValidationPolicy(scope, code, check, missingCode, missingMessage);
    }

    /** Missing required members answered alone, as {@code newCode} with {@code message} ({@code %s}: the wire name). */
    public ValidationPolicy withMissing(String newCode, String message) {
        return new ValidationPolicy(scope, code, checkEnums, newCode, message);
    }

    /** Missing required members reported as {@code Member must not be null} violations under {@link #code}. */
    public ValidationPolicy withMissingAsConstraint() {
        return new ValidationPolicy(scope, code, checkEnums, null, null);
    }
}
