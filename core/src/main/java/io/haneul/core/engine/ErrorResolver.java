package io.haneul.core.engine;

import io.haneul.core.error.AwsErrorException;
import io.haneul.core.error.CommonErrors;
import io.haneul.core.model.ErrorShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Map;
import java.util.Optional;

/**
 * The one place where anything a provider throws becomes a wire error: Haneul's own
 * {@link AwsErrorException} (named by error shape or by a plain code), the SDK's modelled
 * exceptions, and, as a last resort, an unexpected failure, which is logged and answered as
 * {@code InternalFailure} without a stack trace.
 */
public final class ErrorResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResolver.class);

    private final ErrorTranslator infrastructure;

    /** Without infrastructure translation: only providers' own errors and AWS exceptions are recognised. */
    public ErrorResolver() {
        this(e -> null);
    }

    /**
     * @param infrastructure recognises failures that are no service's (the store unreachable) and
     *                       answers them with a common AWS error; null for anything else
     */
    public ErrorResolver(ErrorTranslator infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** The common AWS error for a failure that is no service's, or null. */
    AwsErrorException infrastructureError(RuntimeException e) {
        return infrastructure.translate(e);
    }

    public ResolvedError resolve(Throwable t, ServiceBinding service, RequestContext context) {
        if (!(t instanceof AwsErrorException) && t instanceof RuntimeException re && service != null) {
            AwsErrorException translated = service.errorTranslator().translate(re);
            if (translated != null) {
                t = translated;
            }
        }
        if (!(t instanceof AwsErrorException) && t instanceof RuntimeException re) {
            AwsErrorException translated = infrastructure.translate(re);
            if (translated != null) {
                t = translated;
            }
        }
        if (t instanceof AwsErrorException e) {
            Optional<ErrorShape> shape = service == null ? Optional.empty() : service.model().error(e.code());
            if (shape.isPresent()) {
                ErrorShape s = shape.get();
                return new ResolvedError(s.code(), s.shapeName(), e.getMessage(), s.httpStatus(), s.senderFault(), e.fields());
            }
            return new ResolvedError(e.code(), null, e.getMessage(), e.status(), e.senderFault(), e.fields());
        }
        if (t instanceof AwsServiceException e && service != null) {
            Optional<ErrorShape> shape = service.errorForException(e.getClass());
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : e.getMessage();
            if (shape.isPresent()) {
                ErrorShape s = shape.get();
                return new ResolvedError(s.code(), s.shapeName(), message, s.httpStatus(), s.senderFault(), Map.of());
            }
        }
        LOG.error("request {} failed unexpectedly", context.requestId(), t);
        AwsErrorException internal = CommonErrors.internal(context.requestId());
        return new ResolvedError(internal.code(), null, internal.getMessage(), 500, false, Map.of());
    }
}
