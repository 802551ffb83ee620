package io.haneul.core.validation;

import io.haneul.core.model.ErrorShape;
import io.haneul.core.model.ServiceModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The table of how each service answers a request that breaks its model's constraints: the one place
 * to change when a service turns out to answer differently. Immutable; {@link #with} returns a copy.
 *
 * <p>Defaults by protocol family (decided from AWS's observed answers, the Coral message style
 * {@code N validation error(s) detected: Value 'v' at 'path' failed to satisfy constraint: ...}):
 * <ul>
 *   <li><b>awsJson 1.0/1.1, rest-json, rpcv2-cbor</b> (models whose protocols do not include {@code query}):
 *       {@code ValidationException}, status 400; the model's own {@code ValidationException} shape when it
 *       has one (Polly, Elastic Transcoder, Logs), else its {@code ValidationError} shape (SageMaker Runtime),
 *       else the unmodelled code {@code ValidationException} (Lambda, Rekognition, SageMaker, SWF, SQS).
 *       A missing required member is one more {@code Member must not be null} violation. Enums are checked
 *       (Coral front ends reject unknown values with {@code Member must satisfy enum value set: [...]}),
 *       except for {@code awsQueryCompatible} services (SQS), whose query-era back ends take any string and
 *       answer their own errors (e.g. {@code InvalidAttributeName}).</li>
 *   <li><b>awsQuery</b> and query-compatible services that still list {@code query} (SNS, SES v1, STS, IAM,
 *       CloudSearch, CloudWatch): constraint violations are {@code ValidationError} (400) in the same message
 *       style, or the model's {@code ValidationException} shape where it has one (CloudSearch, SNS). A missing
 *       required parameter is answered alone as {@code MissingParameter}: {@code The request must contain the
 *       parameter RoleArn.} (the model's shape whose code is {@code MissingParameter} when there is one, e.g.
 *       CloudWatch's {@code MissingRequiredParameterException}). Enums are not checked: query back ends
 *       accept unknown strings and judge them themselves.</li>
 *   <li><b>rest-xml</b> (S3): no constraint checks; only required members bound to the URI path or query
 *       string, answered as {@code InvalidArgument} ({@code Missing required parameter: X}).</li>
 * </ul>
 *
 * <p>A service that answers otherwise says so in its module's
 * {@link io.haneul.core.engine.WireStyle#validating WireStyle} (API Gateway's {@code BadRequestException},
 * SNS's wording of a missing parameter, SES v2's {@code BadRequestException}), applied after this table.
 */
public final class ValidationErrors {

    /** The code query services answer for constraint violations. */
    public static final String VALIDATION_ERROR = "ValidationError";
    /** The code JSON and REST-JSON services answer for constraint violations. */
    public static final String VALIDATION_EXCEPTION = "ValidationException";
    /** The code query services answer for a missing required parameter. */
    public static final String MISSING_PARAMETER = "MissingParameter";
    public static final String MISSING_PARAMETER_MESSAGE = "The request must contain the parameter %s.";

    private final Map<String, UnaryOperator<ValidationPolicy>> overrides;

    private ValidationErrors(Map<String, UnaryOperator<ValidationPolicy>> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** The protocol families' defaults; services' own rules come from their modules' wire styles. */
    public static ValidationErrors defaults() {
        return new ValidationErrors(Map.of());
    }

    /** Protocol-family defaults only, without per-service overrides. */
    public static ValidationErrors protocolDefaults() {
        return new ValidationErrors(Map.of());
    }

    /**
     * A copy of this table in which the service whose model id is {@code modelId} (file stem without the
     * date, e.g. {@code sqs}, {@code sesv2}) gets {@code override} applied to its protocol-family default.
     * Replaces any earlier override of that service.
     */
    public ValidationErrors with(String modelId, UnaryOperator<ValidationPolicy> override) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(override, "override");
        Map<String, UnaryOperator<ValidationPolicy>> copy = new HashMap<>(overrides);
        copy.put(modelId, override);
        return new ValidationErrors(copy);
    }

    /** The policy of one service: its protocol family's default, then its override if any. */
    public ValidationPolicy policyFor(ServiceModel model) {
        ValidationPolicy policy = familyDefault(model);
        UnaryOperator<ValidationPolicy> override = overrides.get(model.id());
        return override == null ? policy : Objects.requireNonNull(override.apply(policy), "override result");
    }

    /** The default of the model's protocol family, as the class documentation describes. */
    public static ValidationPolicy familyDefault(ServiceModel model) {
        List<String> protocols = model.protocols();
        String primary = protocols.isEmpty() ? "" : protocols.getFirst();
        if ("rest-xml".equals(primary)) {
            return new ValidationPolicy(ValidationPolicy.Scope.REQUIRED_HTTP_BINDINGS, "InvalidArgument", false,
                    "InvalidArgument", "Missing required parameter: %s");
        }
        if (protocols.contains("query") || protocols.contains("ec2")) {
            String code = shapeNamed(model, VALIDATION_EXCEPTION)
                    .or(() -> shapeWithCode(model, VALIDATION_ERROR))
                    .orElse(VALIDATION_ERROR);
            String missing = shapeWithCode(model, MISSING_PARAMETER).orElse(MISSING_PARAMETER);
            return new ValidationPolicy(ValidationPolicy.Scope.FULL, code, false, missing, MISSING_PARAMETER_MESSAGE);
        }
        String code = shapeNamed(model, VALIDATION_EXCEPTION)
                .or(() -> shapeNamed(model, VALIDATION_ERROR))
                .orElse(VALIDATION_EXCEPTION);
        return new ValidationPolicy(ValidationPolicy.Scope.FULL, code, !model.awsQueryCompatible(), null, null);
    }

    private static Optional<String> shapeNamed(ServiceModel model, String name) {
        return model.error(name).map(ErrorShape::shapeName);
    }

    private static Optional<String> shapeWithCode(ServiceModel model, String code) {
        return model.errors().values().stream()
                .filter(e -> code.equals(e.code()))
                .map(ErrorShape::shapeName)
                .sorted()
                .findFirst();
    }
}
