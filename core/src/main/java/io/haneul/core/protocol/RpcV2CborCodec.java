package io.haneul.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
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
import java.util.Map;

/**
 * smithy-rpc-v2-cbor: {@code POST /service/<Service>/operation/<Operation>} with header
 * {@code smithy-protocol: rpc-v2-cbor} and CBOR bodies; errors carry {@code __type} in a CBOR map.
 * Current SDKs speak it to AppStream and CloudWatch.
 */
public final class RpcV2CborCodec implements ProtocolCodec {

    private final PojoShapes shapes;
    private final CBORFactory cbor = new CBORFactory();
    private final JsonStructReader reader;

    public RpcV2CborCodec(PojoShapes shapes) {
        this.shapes = shapes;
        this.reader = new JsonStructReader(shapes);
    }

    @Override
    public String name() {
        return "smithy-rpc-v2-cbor";
    }

    @Override
    public String operationName(WireRequest request, ServiceBinding service) {
        String path = request.rawPath();
        int op = path.lastIndexOf("/operation/");
        return op < 0 ? null : path.substring(op + "/operation/".length());
    }

    @Override
    public Object parse(WireRequest request, OperationBinding operation) {
        SdkPojo builder = shapes.newBuilder(operation.requestClass());
        if (request.body().length > 0) {
            try (JsonParser p = cbor.createParser(request.body())) {
                p.nextToken();
                reader.readInto(p, builder);
            } catch (IOException e) {
                throw new AwsErrorException("SerializationException", "Malformed CBOR body", 400);
            }
        }
        return PojoShapes.build(builder);
    }

    @Override
    public WireResponse success(Object response, OperationBinding operation, RequestContext context) {
        byte[] body = write(g -> new JsonStructWriter(true, operation.service().style().emptyMembers()).write(g, (SdkPojo) response));
        WireResponse out = WireResponse.of(200, "application/cbor", body);
        out.headers().set("smithy-protocol", "rpc-v2-cbor");
        return out;
    }

    @Override
    public WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context) {
        byte[] body = write(g -> {
            g.writeStartObject();
            String ns = service == null ? "com.amazonaws" : "com.amazonaws." + service.model().endpointPrefix();
            g.writeStringField("__type", ns + "#" + (error.shapeName() != null ? error.shapeName() : error.code()));
            g.writeStringField("message", error.message());
            for (Map.Entry<String, Object> e : error.fields().entrySet()) {
                g.writeObjectField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
        WireResponse out = WireResponse.of(error.status(), "application/cbor", body);
        out.headers().set("smithy-protocol", "rpc-v2-cbor");
        return out;
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = cbor.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
