package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ResolvedError;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * restJson1: the operation is found by method and URI template; members bind to labels, query
 * parameters and headers, the rest (or one payload member) to a JSON body. Errors name their code in
 * {@code x-amzn-ErrorType} and carry {@code message} in the body.
 */
public final class RestJsonCodec implements ProtocolCodec {

    private final PojoShapes shapes;
    private final RestRouter router;
    /**
     * No limit on one string's length beyond the body's own (each service bounds its bodies): a
     * blob member such as Lambda's {@code ZipFile} is base64 in one JSON string of up to about 67 MB,
     * past Jackson's default of 20 MB.
     */
    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private final JsonStructReader reader;
    private final JsonDocuments documents = new JsonDocuments();
    private final JsonStructWriter writer = new JsonStructWriter(false);

    public RestJsonCodec(PojoShapes shapes, RestRouter router) {
        this.shapes = shapes;
        this.router = router;
        this.reader = new JsonStructReader(shapes);
    }

    @Override
    public String name() {
        return "rest-json";
    }

    @Override
    public String operationName(WireRequest request, ServiceBinding service) {
        request = formPostAsGet(service.model(), request);
        RestRouter.Match m = router.route(service.model(), request.method(), request.rawPath(), request.queryParameters(),
                request.headers(), RestBindings.servable(service));
        return m == null ? null : m.operation();
    }

    @Override
    public Object parse(WireRequest request, OperationBinding operation) {
        request = formPostAsGet(operation.service().model(), request);
        RestRouter.Match m = router.route(operation.service().model(), request.method(), request.rawPath(),
                request.queryParameters(), request.headers(), RestBindings.servable(operation.service()));
        SdkPojo builder = shapes.newBuilder(operation.requestClass());
        RestBindings.readNonPayload(request, m == null ? Map.of() : m.labels(), m == null ? Set.of() : m.literalQuery(), builder);
        SdkField<?> payload = RestBindings.payloadMember(builder.sdkFields());
        byte[] body = RestBindings.hasStreamingInput(operation) ? new byte[0] : request.body();
        if (payload != null && RestBindings.isRaw(payload)) {
            if (body.length > 0) {
                payload.set(builder, RestBindings.rawPayload(payload, body));
            }
        } else if (body.length > 0) {
            try (JsonParser p = json.createParser(body)) {
                p.nextToken();
                if (payload != null) {
                    payload.set(builder, reader.readValue(p, payload));
                } else {
                    reader.readInto(p, builder);
                }
            } catch (JsonProcessingException e) {
                throw new AwsErrorException("SerializationException", "Malformed JSON: " + e.getOriginalMessage(), 400);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return PojoShapes.build(builder);
    }

    /**
     * A form-encoded POST that no POST operation takes but a GET one does is that GET with the form as
     * its query: CloudSearch domain's search and suggest accept both, and the SDKs send POST.
     */
    private WireRequest formPostAsGet(ServiceModel model, WireRequest request) {
        String contentType = request.header("Content-Type");
        if (!"POST".equals(request.method()) || contentType == null
                || !contentType.startsWith("application/x-www-form-urlencoded")
                || router.route(model, "POST", request.rawPath(), request.queryParameters()) != null) {
            return request;
        }
        String form = new String(request.body(), StandardCharsets.UTF_8);
        String query = request.rawQuery().isEmpty() ? form : request.rawQuery() + "&" + form;
        WireRequest get = new WireRequest("GET", request.rawPath(), query, request.headers(), new byte[0]);
        return router.route(model, "GET", get.rawPath(), get.queryParameters()) != null ? get : request;
    }

    @Override
    public WireResponse success(Object response, OperationBinding operation, RequestContext context) {
        SdkPojo pojo = (SdkPojo) response;
        WireResponse out = WireResponse.of(200, "application/json", null);
        int status = RestBindings.writeNonPayload(pojo, out.headers(), operation.model().successCode());
        SdkField<?> payload = RestBindings.payloadMember(pojo.sdkFields());
        byte[] body;
        if (payload != null) {
            Object value = payload.getValueOrDefault(pojo);
            if (RestBindings.isRaw(payload)) {
                body = value == null ? new byte[0] : RestBindings.rawBytes(value);
                if (!RestBindings.setsHeader(pojo, "Content-Type")
                        && payload.marshallingType() != software.amazon.awssdk.core.protocol.MarshallingType.STRING) {
                    out.headers().set("Content-Type", "application/octet-stream");
                }
            } else {
                body = value == null ? new byte[0] : toJson(g -> writer.writeValue(g, payload, value));
            }
        } else {
            body = toJson(g -> new JsonStructWriter(false, operation.service().style().emptyMembers()).write(g, pojo));
        }
        return new WireResponse(status, out.headers(), body);
    }

    /** The JSON body with the URI's labels set under their names (the members they bind; the URI wins over the body). */
    @Override
    public com.fasterxml.jackson.databind.JsonNode parseDocument(WireRequest request, OperationBinding operation) {
        RestRouter.Match m = router.route(operation.service().model(), request.method(), request.rawPath(),
                request.queryParameters(), request.headers(), RestBindings.servable(operation.service()));
        com.fasterxml.jackson.databind.node.ObjectNode input = documents.read(request.body());
        if (m != null) {
            m.labels().forEach(input::put);
        }
        return input;
    }

    @Override
    public WireResponse successDocument(com.fasterxml.jackson.databind.JsonNode output, OperationBinding operation, RequestContext context) {
        return WireResponse.of(operation.model().successCode(), "application/json", documents.write(output));
    }

    @Override
    public WireResponse withExtraMembers(WireResponse written, com.fasterxml.jackson.databind.node.ObjectNode extra, OperationBinding operation) {
        return documents.merged(written, extra);
    }

    @Override
    public WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context) {
        byte[] body = toJson(g -> {
            g.writeStartObject();
            g.writeStringField("message", error.message());
            for (Map.Entry<String, Object> e : error.fields().entrySet()) {
                g.writeObjectField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
        WireResponse response = WireResponse.of(error.status(), "application/json", body);
        response.headers().set("x-amzn-ErrorType", error.code());
        return response;
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] toJson(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
