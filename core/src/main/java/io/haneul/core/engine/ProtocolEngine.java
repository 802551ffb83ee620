package io.haneul.core.engine;

import io.haneul.core.error.AwsErrorException;
import io.haneul.core.error.CommonErrors;
import io.haneul.core.protocol.AwsJsonCodec;
import io.haneul.core.protocol.AwsQueryCodec;
import io.haneul.core.protocol.PojoShapes;
import io.haneul.core.protocol.ProtocolCodec;
import io.haneul.core.protocol.RestJsonCodec;
import io.haneul.core.protocol.RestRouter;
import io.haneul.core.protocol.RestXmlCodec;
import io.haneul.core.protocol.RpcV2CborCodec;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.util.List;

/**
 * Runs one request against one service: picks the protocol the client spoke, parses the input into
 * the SDK's request object, validates it, calls the provider and writes the answer or the error in
 * that protocol's envelope. It never lets an exception out: every failure becomes an AWS-shaped
 * error.
 */
public final class ProtocolEngine {

    private final AwsJsonCodec json;
    private final AwsQueryCodec query;
    private final RestJsonCodec restJson;
    private final RestXmlCodec restXml;
    private final RpcV2CborCodec cbor;
    private final RequestValidator validator;
    private final RequestObserver observer;
    private final ErrorResolver errors;

    public ProtocolEngine(RequestValidator validator, RequestObserver observer) {
        this(validator, observer, e -> null);
    }

    /** @param infrastructure translates failures that belong to no service (see {@link ErrorResolver}) */
    public ProtocolEngine(RequestValidator validator, RequestObserver observer, ErrorTranslator infrastructure) {
        this.errors = new ErrorResolver(infrastructure);
        PojoShapes shapes = new PojoShapes();
        RestRouter router = new RestRouter();
        this.json = new AwsJsonCodec(shapes);
        this.query = new AwsQueryCodec(shapes);
        this.restJson = new RestJsonCodec(shapes, router);
        this.restXml = new RestXmlCodec(shapes, router);
        this.cbor = new RpcV2CborCodec(shapes);
        this.validator = validator;
        this.observer = observer;
    }

    /** The codec for the protocol the client used, among those the service speaks. */
    public ProtocolCodec codecFor(ServiceBinding service, WireRequest request) {
        List<String> protocols = service.model().protocols();
        if (protocols.contains("smithy-rpc-v2-cbor") && "rpc-v2-cbor".equals(request.header("smithy-protocol"))) {
            return cbor;
        }
        if (protocols.contains("json") && request.header("X-Amz-Target") != null) {
            return json;
        }
        boolean queryCapable = protocols.contains("query") || service.model().awsQueryCompatible();
        if (queryCapable && looksLikeQuery(request)) {
            return query;
        }
        return codecNamed(service.model().primaryProtocol());
    }

    public ProtocolCodec codecNamed(String protocol) {
        return switch (protocol) {
            case "json" -> json;
            case "query", "ec2" -> query;
            case "rest-json" -> restJson;
            case "rest-xml" -> restXml;
            case "smithy-rpc-v2-cbor" -> cbor;
            default -> throw new IllegalArgumentException("unknown protocol " + protocol);
        };
    }

    private static boolean looksLikeQuery(WireRequest request) {
        String ct = request.header("Content-Type");
        return (ct != null && ct.startsWith("application/x-www-form-urlencoded"))
                || request.rawQuery().contains("Action=");
    }

    public WireResponse handle(ServiceBinding service, WireRequest request, RequestContext context) {
        long start = System.nanoTime();
        ProtocolCodec codec = codecFor(service, request);
        Capture capture = observer.wantsCalls() ? new Capture() : null;
        String opName = null;
        WireResponse response;
        HttpInterceptor interceptor = service.interceptor().orElse(null);
        try {
            WireResponse early = interceptor == null ? null : interceptor.before(context, request);
            if (early != null) {
                opName = request.method();
                response = early;
            } else {
                opName = codec.operationName(request, service);
                OperationBinding op = opName == null ? null : service.operation(opName).orElse(null);
                if (op == null) {
                    // query services answer an unknown Action as InvalidAction; the others name no operation
                    throw codec == query && opName != null ? CommonErrors.invalidAction(opName) : CommonErrors.unknownOperation(opName);
                }
                if (interceptor != null) {
                    interceptor.beforeOperation(context, request, op.name());
                }
                if (op.onDocuments()) {
                    response = onDocuments(codec, request, op, context);
                } else if (op.requestClass() == null || !op.implemented()) {
                    throw CommonErrors.notImplemented(service.model().serviceId(), op.name());
                } else {
                    response = onSdkClasses(codec, request, op, context, capture);
                }
            }
        } catch (Throwable t) {
            if (t instanceof Error err && !(t instanceof StackOverflowError)) {
                throw err;
            }
            response = codec.error(errors.resolve(t, service, context), service, context);
        }
        if (interceptor != null) {
            interceptor.after(context, request, response);
        }
        addRequestId(response, codec, context);
        long nanos = System.nanoTime() - start;
        if (capture == null) {
            observer.observed(service.id(), opName == null ? "unknown" : opName, response.status(), nanos, context.accountId(), context.region());
        } else {
            byte[] error = response.status() >= 400 && response.streamed() == null ? response.body() : null;
            observer.observed(service.id(), opName == null ? "unknown" : opName, response.status(), nanos, context.accountId(), context.region(),
                    new RequestObserver.Call(capture.input, capture.output, error));
        }
        return response;
    }

    /** A call's parsed input and output, kept only while the observer wants them. */
    private static final class Capture {
        Object input;
        Object output;
    }

    /** An operation bound through its SDK classes: parsed into the request class, validated, answered by the provider method. */
    private WireResponse onSdkClasses(ProtocolCodec codec, WireRequest request, OperationBinding op, RequestContext context,
                                      Capture capture) throws Throwable {
        if (context.body() != null && !RestXmlCodec.streamsInput(op)) {
            // A streamed body for an operation that parses it (an XML document): buffer it, bounded.
            request = new WireRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                    context.body().readAll());
        }
        Object input = codec.parse(request, op);
        if (capture != null) {
            capture.input = input;
        }
        validator.validate(op, input);
        Object output = op.handler().handle(context, input);
        if (capture != null) {
            capture.output = output instanceof ExtendedResponse extended ? extended.response()
                    : output instanceof StreamingOutput streaming ? streaming.response() : output;
        }
        if (output instanceof ExtendedResponse extended) {
            return codec.withExtraMembers(codec.success(extended.response(), op, context), extended.extra(), op);
        }
        return output instanceof StreamingOutput streaming ? streamed(codec, streaming, op, context)
                : codec.success(output, op, context);
    }

    /** An operation the SDK has no classes for, answered on documents ({@link DocumentOperations}). */
    private WireResponse onDocuments(ProtocolCodec codec, WireRequest request, OperationBinding op, RequestContext context) throws Throwable {
        if (context.body() != null) {
            request = new WireRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), context.body().readAll());
        }
        com.fasterxml.jackson.databind.JsonNode input = codec.parseDocument(request, op);
        validator.validateDocument(op, input);
        return codec.successDocument(op.document().handle(context, input), op, context);
    }

    private static WireResponse streamed(ProtocolCodec codec, StreamingOutput output, OperationBinding op, RequestContext context) {
        try {
            WireResponse head = codec.success(output.response(), op, context);
            if (output.contentType() != null) {
                head.headers().set("Content-Type", output.contentType());
            }
            return new WireResponse(output.status() > 0 ? output.status() : head.status(), head.headers(), new byte[0],
                    new WireResponse.Streamed(output.body(), output.length()));
        } catch (RuntimeException e) {
            try {
                output.body().close();
            } catch (java.io.IOException ignored) {
                // the answer is the error
            }
            throw e;
        }
    }

    /** An error answered before a service could be chosen or in place of it (auth, routing, limits). */
    /** The common AWS error for a failure that is no service's (e.g. the store unreachable), or null. */
    public AwsErrorException infrastructureError(RuntimeException e) {
        return errors.infrastructureError(e);
    }

    public WireResponse errorResponse(ServiceBinding service, String protocol, AwsErrorException error, RequestContext context) {
        ProtocolCodec codec = codecNamed(protocol);
        WireResponse response = codec.error(errors.resolve(error, service, context), service, context);
        addRequestId(response, codec, context);
        return response;
    }

    private static void addRequestId(WireResponse response, ProtocolCodec codec, RequestContext context) {
        if (codec instanceof RestXmlCodec) {
            response.headers().set("x-amz-request-id", context.requestId());
            response.headers().set("x-amz-id-2", context.requestId());
        } else {
            response.headers().set("x-amzn-RequestId", context.requestId());
        }
    }
}
