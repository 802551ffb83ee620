package io.haneul.core.engine;

import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Details of a service's responses that its API model does not state but that recorded AWS answers
 * show, declared once per service by its module so that every operation follows them and a new
 * service inherits the common case ({@link #DEFAULT}) without code of its own.
 *
 * <ul>
 *   <li>Empty lists and maps: AWS leaves most of them out of its answers, in JSON and XML alike
 *   (SQS ReceiveMessage on an empty queue answers {@code {}}); clients written as
 *   {@code if "Messages" in resp} depend on it. The engine therefore leaves a member out when it
 *   has no elements, unless the service names it here as one AWS writes even when empty.</li>
 *   <li>The query-protocol error body: most services (SNS, SES, STS, IAM) answer
 *   {@code <Error><Type/><Code/><Message/></Error>} with no {@code <Detail/>}; SQS adds an empty
 *   {@code <Detail/>}, which boto3 surfaces as {@code Error.Detail}.</li>
 *   <li>Errors a query-era service answers that its model does not list: awsJson names them by a shape
 *   in {@code __type} while {@code x-amzn-query-error} keeps the query code (SQS's
 *   {@code InvalidParameterValue} is {@code com.amazonaws.sqs#InvalidParameterValueException}).</li>
 * </ul>
 *
 * @param queryErrorDetail true when query-protocol errors carry an empty {@code <Detail/>} element
 * @param keptEmpty        members written even when empty, as {@code Shape.member} (the model's member name) with the SDK class's
 *                         simple name as the shape (e.g. {@code ListFunctionsResponse.Functions}),
 *                         {@code Shape.*} for every member of a shape, or {@code *} for the whole service
 * @param errorShapes      shape names awsJson gives unmodelled error codes, keyed by code
 * @param validation       how the service answers input that breaks the model's constraints, applied to its
 *                         protocol family's default (see {@link io.haneul.core.validation.ValidationErrors})
 */
public record WireStyle(boolean queryErrorDetail, Set<String> keptEmpty, Map<String, String> errorShapes,
                        java.util.function.UnaryOperator<io.haneul.core.validation.ValidationPolicy> validation) {

    /** The common case: no {@code <Detail/>} in query errors, empty lists and maps left out, the family's validation errors. */
    public static final WireStyle DEFAULT = new WireStyle(false, Set.of(), Map.of(), java.util.function.UnaryOperator.identity());

    public WireStyle {
        keptEmpty = Set.copyOf(keptEmpty);
        errorShapes = Map.copyOf(errorShapes);
        validation = validation == null ? java.util.function.UnaryOperator.identity() : validation;
    }

    /**
     * This style answering constraint violations as the service does, e.g. API Gateway's
     * {@code BadRequestException} or SNS's wording of a missing parameter (applied after earlier overrides).
     */
    public WireStyle validating(java.util.function.UnaryOperator<io.haneul.core.validation.ValidationPolicy> override) {
        java.util.function.UnaryOperator<io.haneul.core.validation.ValidationPolicy> before = validation;
        return new WireStyle(queryErrorDetail, keptEmpty, errorShapes, p -> override.apply(before.apply(p)));
    }

    /** This style with an empty {@code <Detail/>} in query-protocol errors (SQS). */
    public WireStyle withQueryErrorDetail() {
        return new WireStyle(true, keptEmpty, errorShapes, validation);
    }

    /** This style naming the unmodelled error {@code code} as {@code shape} in awsJson's {@code __type}. */
    public WireStyle namingError(String code, String shape) {
        Map<String, String> all = new java.util.HashMap<>(errorShapes);
        all.put(code, shape);
        return new WireStyle(queryErrorDetail, keptEmpty, all, validation);
    }

    /** The shape name awsJson shows for an error of {@code code} that names no model shape. */
    public String errorShape(String code) {
        return errorShapes.getOrDefault(code, code);
    }

    /** This style writing the named members even when they are empty, because AWS does. */
    public WireStyle keepingEmpty(String... members) {
        java.util.Set<String> all = new java.util.HashSet<>(keptEmpty);
        all.addAll(java.util.List.of(members));
        return new WireStyle(queryErrorDetail, all, errorShapes, validation);
    }

    /** True when AWS writes the member of {@code owner} named {@code member} even when it has no elements. */
    public boolean keepsEmpty(Class<?> owner, String member) {
        if (keptEmpty.isEmpty()) {
            return false;
        }
        String shape = owner.getSimpleName();
        return keptEmpty.contains("*") || keptEmpty.contains(shape + ".*") || keptEmpty.contains(shape + "." + member);
    }

    /** {@link #keepsEmpty} as the writers take it. */
    public BiPredicate<Class<?>, String> emptyMembers() {
        return this::keepsEmpty;
    }
}
