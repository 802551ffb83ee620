package io.haneul.core.validation;

import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestValidator;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ErrorShape;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.validation.Rules.StructRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates parsed requests (SDK for Java v2 model objects) against the constraints of the service's
 * API model, the way AWS's front ends do before a request reaches the service, and throws the
 * service's own validation error.
 *
 * <p>Checked, recursively through structures, lists and maps: required members (an SDK
 * auto-construct list or map counts as absent), string length (in code points, Smithy's measure),
 * blob length (bytes), list and map size, numeric range, {@code pattern} and, where the service's
 * {@link ValidationPolicy} says so, {@code enum} membership. How each service answers is decided by
 * {@link ValidationErrors}; by default:
 * <pre>
 * 2 validation errors detected: Value null at 'queueUrl' failed to satisfy constraint: Member must not be null;
 * Value '' at 'entries.1.member.id' failed to satisfy constraint: Member must have length greater than or equal to 1
 * </pre>
 * Member paths are Coral's: the model member name with its first letter lowered, list elements as
 * {@code N.member} (1-based), structured map values as {@code <key>.member}. Elements of lists and maps of
 * simple shapes are reported once per collection, as Coral does: {@code Member must satisfy constraint:
 * [...]}, {@code Map keys must satisfy constraint: [...]}, {@code Map value must satisfy constraint: [...]}.
 * Values of members the model marks sensitive are left out ({@code Value at 'x' ...}).
 *
 * <p>Cost: the checks of each operation are compiled from the model once, on its first request, into
 * rules that visit only members with something to check; the SDK fields of each class are matched to
 * model members once. Plans live in this instance (no static state), keyed by service binding.
 */
public final class ModelValidator implements RequestValidator {

    private final ValidationErrors errors;
    private final PatternCache patterns = new PatternCache();
    private final Map<ServiceBinding, ServicePlan> services = new ConcurrentHashMap<>();

    /** A validator with {@link ValidationErrors#defaults()}. */
    public ModelValidator() {
        this(ValidationErrors.defaults());
    }

    public ModelValidator(ValidationErrors errors) {
        this.errors = errors;
    }

    @Override
    public void validate(OperationBinding operation, Object request) {
        if (request == null) {
            return;
        }
        ServicePlan service = servicePlan(operation.service());
        StructRule root = service.input(operation);
        if (root == null) {
            return;
        }
        Violation.Collector out = new Violation.Collector();
        root.check(request, null, out);
        if (!out.isEmpty()) {
            throw service.error(out.list());
        }
    }

    /**
     * Required members of a document operation's input (only those: its other constraints are the
     * handler's, which has no SDK class to carry them), answered as {@link #validate} answers them.
     */
    @Override
    public void validateDocument(OperationBinding operation, com.fasterxml.jackson.databind.JsonNode input) {
        String shapeName = operation.model().inputShape();
        com.fasterxml.jackson.databind.JsonNode shape = shapeName == null ? null : operation.service().model().shapes().get(shapeName);
        if (shape == null || input == null) {
            return;
        }
        Violation.Collector out = new Violation.Collector();
        for (com.fasterxml.jackson.databind.JsonNode required : shape.path("required")) {
            String name = required.asText();
            com.fasterxml.jackson.databind.JsonNode value = input.get(name);
            if (value == null || value.isNull()) {
                String wire = shape.path("members").path(name).path("locationName").asText(name);
                out.add(new Violation(new Path(null, Path.coralName(name), wire), null, false, Violation.NOT_NULL, true));
            }
        }
        if (!out.isEmpty()) {
            throw servicePlan(operation.service()).error(out.list());
        }
    }

    /** The policy this validator applies to a service. */
    public ValidationPolicy policyFor(ServiceBinding service) {
        return servicePlan(service).policy;
    }

    /** The messages of each violation, without throwing: for tools and tests. */
    List<String> violations(OperationBinding operation, Object request) {
        StructRule root = servicePlan(operation.service()).input(operation);
        if (root == null || request == null) {
            return List.of();
        }
        Violation.Collector out = new Violation.Collector();
        root.check(request, null, out);
        return out.list().stream().map(Violation::message).toList();
    }

    private ServicePlan servicePlan(ServiceBinding service) {
        ServicePlan plan = services.get(service);
        return plan != null ? plan : services.computeIfAbsent(service, s -> new ServicePlan(s.model(),
                s.style().validation().apply(errors.policyFor(s.model())), patterns));
    }

    /** The compiled checks of one service's operations, built on first use. */
    private static final class ServicePlan {

        private final ServiceModel model;
        private final ValidationPolicy policy;
        private final PlanBuilder builder;
        private final Map<String, Optional<StructRule>> inputs = new ConcurrentHashMap<>();

        ServicePlan(ServiceModel model, ValidationPolicy policy, PatternCache patterns) {
            this.model = model;
            this.policy = policy;
            this.builder = new PlanBuilder(model, policy, patterns);
        }

        StructRule input(OperationBinding operation) {
            Optional<StructRule> rule = inputs.get(operation.name());
            if (rule == null) {
                synchronized (builder) {
                    rule = inputs.get(operation.name());
                    if (rule == null) {
                        rule = Optional.ofNullable(builder.input(operation.model().inputShape()));
                        inputs.put(operation.name(), rule);
                    }
                }
            }
            return rule.orElse(null);
        }

        AwsErrorException error(List<Violation> violations) {
            if (policy.missingMessage() != null) {
                for (Violation v : violations) {
                    if (v.missing()) {
                        return new AwsErrorException(policy.missingCode(),
                                String.format(policy.missingMessage(), v.path().renderWire()), status(policy.missingCode()));
                    }
                }
            }
            int n = violations.size();
            StringBuilder sb = new StringBuilder(128).append(n)
                    .append(n == 1 ? " validation error detected: " : " validation errors detected: ");
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append("; ");
                }
                sb.append(violations.get(i).message());
            }
            return new AwsErrorException(policy.code(), sb.toString(), status(policy.code()));
        }

        private int status(String code) {
            return model.error(code).map(ErrorShape::httpStatus).orElse(400);
        }
    }
}
