package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ResolvedError;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import software.amazon.awssdk.core.SdkPojo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * awsJson 1.0 and 1.1: {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>} and a JSON
 * body of the input's members. Errors carry {@code __type}; for services marked
 * {@code awsQueryCompatible} (SQS) the legacy query code also goes in {@code x-amzn-query-error}.
 */
public final class AwsJsonCodec implements ProtocolCodec {

    private final JsonDocuments documents = new JsonDocuments();
    private final JsonFactory json;
    private final JsonStructReader reader;

    public AwsJsonCodec(PojoShapes shapes) {
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        this.reader = new JsonStructReader(shapes);
        this.shapes = shapes;
    }

    private final PojoShapes shapes;

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String operationName(WireRequest request, ServiceBinding service) {
        String target = request.header("X-Amz-Target");
        if (target == null) {
            return null;
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? null : target.substring(dot + 1);
    }

    @Override
    public Object parse(WireRequest request, OperationBinding operation) {
        SdkPojo builder = shapes.newBuilder(operation.requestClass());
        byte[] body = request.body();
        if (body.length > 0) {
            try (JsonParser p = json.createParser(body)) {
                p.nextToken();
                reader.readInto(p, builder);
                if (p.nextToken() != null) {
                    throw new AwsErrorException("SerializationException", "Unexpected content after the JSON document", 400);
                }
            } catch (JsonProcessingException e) {
                throw new AwsErrorException("SerializationException", "Malformed JSON: " + e.getOriginalMessage(), 400);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return PojoShapes.build(builder);
    }

    @Override
    public WireResponse success(Object response, OperationBinding operation, RequestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            new JsonStructWriter(false, operation.service().style().emptyMembers()).write(g, (SdkPojo) response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WireResponse.of(operation.model().successCode(), contentType(operation.service()), out.toByteArray());
    }

    @Override
    public WireResponse withExtraMembers(WireResponse written, com.fasterxml.jackson.databind.node.ObjectNode extra, OperationBinding operation) {
        return documents.merged(written, extra);
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode parseDocument(WireRequest request, OperationBinding operation) {
        return documents.read(request.body());
    }

    @Override
    public WireResponse successDocument(com.fasterxml.jackson.databind.JsonNode output, OperationBinding operation, RequestContext context) {
        return WireResponse.of(operation.model().successCode(), contentType(operation.service()), documents.write(output));
    }

    @Override
    public WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", typeOf(error, service));
            g.writeStringField("message", error.message());
            for (Map.Entry<String, Object> e : error.fields().entrySet()) {
                g.writeObjectField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WireResponse response = WireResponse.of(error.status(), contentType(service), out.toByteArray());
        if (service != null && service.model().awsQueryCompatible()) {
            response.headers().set("x-amzn-query-error", error.code() + ";" + (error.senderFault() ? "Sender" : "Receiver"));
        }
        return response;
    }

    private static String typeOf(ResolvedError error, ServiceBinding service) {
        String shape = error.shapeName() != null ? error.shapeName()
                : service == null ? error.code() : service.style().errorShape(error.code());
        if (service == null || service.model().targetPrefix() == null) {
            return shape;
        }
        return namespaceOf(service) + "#" + shape;
    }

    private static String namespaceOf(ServiceBinding service) {
        return "com.amazonaws." + service.model().endpointPrefix();
    }

    private static String contentType(ServiceBinding service) {
        String version = service == null || service.model().jsonVersion() == null ? "1.0" : service.model().jsonVersion();
        return "application/x-amz-json-" + version;
    }
}
