package io.haneul.core.protocol;

import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ResolvedError;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import software.amazon.awssdk.core.SdkPojo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * awsQuery: form fields ({@code Action}, {@code Version}, members flattened with dots) in a POST
 * body or a GET query string; XML answers wrapped in {@code <OpResponse><OpResult>} with the
 * request id in {@code ResponseMetadata}; errors in {@code ErrorResponse}.
 */
public final class AwsQueryCodec implements ProtocolCodec {

    /** The path of an SQS queue URL, {@code /<account>/<queue name>} or {@code /queue/<region>/<account>/<queue name>}. */
    private static final java.util.regex.Pattern SQS_QUEUE_PATH = java.util.regex.Pattern.compile("(/queue/[a-z0-9-]{1,30})?/\\d{12}/[A-Za-z0-9_.-]{1,80}");

    private final PojoShapes shapes;

    public AwsQueryCodec(PojoShapes shapes) {
        this.shapes = shapes;
    }

    @Override
    public String name() {
        return "query";
    }

    /** Form fields of the request: the query string, then a form-encoded body. */
    public static Map<String, List<String>> form(WireRequest request) {
        Map<String, List<String>> form = new LinkedHashMap<>(request.queryParameters());
        String contentType = request.header("Content-Type");
        if (request.body().length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
            WireRequest.parseForm(new String(request.body(), StandardCharsets.UTF_8)).forEach(form::putIfAbsent);
        }
        return form;
    }

    @Override
    public String operationName(WireRequest request, ServiceBinding service) {
        List<String> action = form(request).get("Action");
        return action == null || action.isEmpty() ? null : action.getFirst();
    }

    @Override
    public Object parse(WireRequest request, OperationBinding operation) {
        SdkPojo builder = shapes.newBuilder(operation.requestClass());
        Map<String, List<String>> fields = form(request);
        if ("sqs".equals(operation.service().model().id()) && !fields.containsKey("QueueUrl")
                && SQS_QUEUE_PATH.matcher(request.rawPath()).matches()
                && builder.sdkFields().stream().anyMatch(f -> "QueueUrl".equals(f.memberName()))) {
            // Query clients may post to the queue's URL and leave QueueUrl out: the path names the queue.
            fields = new LinkedHashMap<>(fields);
            fields.put("QueueUrl", List.of(request.rawPath()));
        }
        new QueryStructReader(operation.service().naming()).read(fields, builder);
        Object input = PojoShapes.build(builder);
        if (operation.service().model().awsQueryCompatible()) {
            requireMembers(operation, (SdkPojo) input);
        }
        return input;
    }

    /**
     * A JSON-era service spoken to in the query protocol (SQS) answers a missing required parameter as
     * its query back end did, alone and first: {@code MissingParameter}, {@code The request must contain
     * the parameter QueueName.}; its JSON clients get the model validation's answer instead.
     */
    private static void requireMembers(OperationBinding operation, SdkPojo request) {
        String input = operation.model().inputShape();
        com.fasterxml.jackson.databind.JsonNode shape = input == null ? null : operation.service().model().shapes().get(input);
        if (shape == null || !shape.has("required")) {
            return;
        }
        for (com.fasterxml.jackson.databind.JsonNode member : shape.get("required")) {
            for (software.amazon.awssdk.core.SdkField<?> field : request.sdkFields()) {
                if (field.memberName().equals(member.asText()) && JsonStructWriter.isAbsent(field.getValueOrDefault(request))) {
                    throw new io.haneul.core.error.AwsErrorException("MissingParameter", "The request must contain the parameter "
                            + operation.service().naming().name(request.getClass(), field) + ".", 400);
                }
            }
        }
    }

    @Override
    public WireResponse success(Object response, OperationBinding operation, RequestContext context) {
        String op = operation.name();
        ServiceModel model = operation.service().model();
        XmlText x = new XmlText().declaration().open(op + "Response", namespace(model));
        if (operation.model().outputShape() != null) {
            String wrapper = operation.model().resultWrapper() != null ? operation.model().resultWrapper() : op + "Result";
            x.open(wrapper);
            new XmlStructWriter(operation.service().naming(), operation.service().style().emptyMembers()).writeMembers(x, (SdkPojo) response);
            x.close(wrapper);
        }
        x.open("ResponseMetadata").element("RequestId", context.requestId()).close("ResponseMetadata");
        x.close(op + "Response");
        return WireResponse.of(200, "text/xml", x.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context) {
        XmlText x = new XmlText().declaration()
                .open("ErrorResponse", service == null ? null : namespace(service.model()))
                .open("Error")
                .element("Type", error.senderFault() ? "Sender" : "Receiver")
                .element("Code", error.code())
                .element("Message", error.message());
        error.fields().forEach((k, v) -> x.element(k, String.valueOf(v)));
        if (service != null && service.style().queryErrorDetail()) {
            x.open("Detail").close("Detail");
        }
        x.close("Error")
                .element("RequestId", context.requestId())
                .close("ErrorResponse");
        return WireResponse.of(error.status(), "text/xml", x.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String namespace(ServiceModel model) {
        if (model.xmlNamespace() != null) {
            return model.xmlNamespace();
        }
        if ("sqs".equals(model.id())) {
            return "http://queue.amazonaws.com/doc/" + model.apiVersion() + "/";
        }
        return "https://" + model.endpointPrefix() + ".amazonaws.com/doc/" + model.apiVersion() + "/";
    }
}
