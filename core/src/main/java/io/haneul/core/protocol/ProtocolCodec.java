package io.haneul.core.protocol;

import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ResolvedError;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

/**
 * One AWS wire protocol: finds the operation a request names, parses its input into the SDK's
 * request object, and writes outputs and errors in the protocol's envelope. Codecs are generic:
 * nothing in them is specific to an operation or a service.
 */
public interface ProtocolCodec {

    /** The protocol's name as the models spell it, e.g. {@code json}, {@code query}, {@code rest-json}. */
    String name();

    /** The operation the request names, or null when it names none this service knows. */
    String operationName(WireRequest request, ServiceBinding service);

    /** Parses the request into a built SDK request object. Throws AwsErrorException on bad input. */
    Object parse(WireRequest request, OperationBinding operation);

    WireResponse success(Object response, OperationBinding operation, RequestContext context);

    WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context);

    /**
     * The input of an operation answered on documents ({@link io.haneul.core.engine.DocumentOperations});
     * the JSON protocols and restXml carry them.
     */
    default com.fasterxml.jackson.databind.JsonNode parseDocument(WireRequest request, OperationBinding operation) {
        throw io.haneul.core.error.CommonErrors.notImplemented(operation.service().model().serviceId(), operation.name());
    }

    /** The answer of an operation answered on documents, in the protocol's body. */
    default WireResponse successDocument(com.fasterxml.jackson.databind.JsonNode output, OperationBinding operation, RequestContext context) {
        throw io.haneul.core.error.CommonErrors.notImplemented(operation.service().model().serviceId(), operation.name());
    }

    /**
     * An answer with members the SDK classes lack ({@link io.haneul.core.engine.ExtendedResponse}) merged
     * into its body (JSON and restXml, by the output shape); the others answer as written.
     */
    default WireResponse withExtraMembers(WireResponse written, com.fasterxml.jackson.databind.node.ObjectNode extra,
                                          OperationBinding operation) {
        return written;
    }
}
