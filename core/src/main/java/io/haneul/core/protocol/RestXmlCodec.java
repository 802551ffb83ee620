package io.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.haneul.core.engine.OperationBinding;
import io.haneul.core.engine.RequestContext;
import io.haneul.core.engine.ResolvedError;
import io.haneul.core.engine.ServiceBinding;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * restXml (S3): REST bindings as in rest-json, XML bodies, and S3's bare {@code <Error>} envelope.
 */
public final class RestXmlCodec implements ProtocolCodec {

    private static final String S3_NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final PojoShapes shapes;
    private final RestRouter router;
    private final SafeXml xml = new SafeXml();
    private final XmlDocuments documents = new XmlDocuments();

    public RestXmlCodec(PojoShapes shapes, RestRouter router) {
        this.shapes = shapes;
        this.router = router;
    }

    /**
     * True when the operation's input has a streaming payload (S3's PutObject, UploadPart): the body
     * reaches the provider as a stream rather than being parsed.
     */
    public static boolean streamsInput(OperationBinding operation) {
        return RestBindings.hasStreamingInput(operation);
    }

    @Override
    public String name() {
        return "rest-xml";
    }

    @Override
    public String operationName(WireRequest request, ServiceBinding service) {
        RestRouter.Match m = router.route(service.model(), request.method(), request.rawPath(), request.queryParameters(),
                request.headers(), RestBindings.servable(service));
        return m == null ? null : m.operation();
    }

    @Override
    public Object parse(WireRequest request, OperationBinding operation) {
        RestRouter.Match m = router.route(operation.service().model(), request.method(), request.rawPath(),
                request.queryParameters(), request.headers(), RestBindings.servable(operation.service()));
        SdkPojo builder = shapes.newBuilder(operation.requestClass());
        RestBindings.readNonPayload(request, m == null ? Map.of() : m.labels(), m == null ? Set.of() : m.literalQuery(), builder);
        SdkField<?> payload = RestBindings.payloadMember(builder.sdkFields());
        byte[] body = RestBindings.hasStreamingInput(operation) ? new byte[0] : request.body();
        if (body.length > 0) {
            XmlStructReader reader = new XmlStructReader(operation.service().naming());
            if (payload != null && RestBindings.isRaw(payload)) {
                payload.set(builder, RestBindings.rawPayload(payload, body));
            } else if (payload != null) {
                Element root = xml.parse(body).getDocumentElement();
                payload.set(builder, reader.readValue(builder.getClass(), root, payload));
            } else {
                reader.readInto(xml.parse(body).getDocumentElement(), builder);
            }
        }
        return PojoShapes.build(builder);
    }

    @Override
    public WireResponse success(Object response, OperationBinding operation, RequestContext context) {
        SdkPojo pojo = (SdkPojo) response;
        WireResponse out = WireResponse.of(200, "application/xml", null);
        int status = RestBindings.writeNonPayload(pojo, out.headers(), operation.model().successCode());
        // an answer whose status the model cannot state (S3's RestoreObject: 202 or 200) carries it on the response
        if (response instanceof software.amazon.awssdk.core.SdkResponse r && r.sdkHttpResponse() != null
                && r.sdkHttpResponse().statusCode() > 0) {
            status = r.sdkHttpResponse().statusCode();
        }
        SdkField<?> payload = RestBindings.payloadMember(pojo.sdkFields());
        XmlStructWriter writer = new XmlStructWriter(operation.service().naming(), operation.service().style().emptyMembers());
        byte[] body;
        if (payload != null) {
            Object value = payload.getValueOrDefault(pojo);
            if (value == null) {
                body = new byte[0];
            } else if (RestBindings.isRaw(payload) && !declaresPayload(operation)) {
                // A member the SDK alone marks as the payload (S3's GetBucketLocation) is the document's root element.
                XmlText x = new XmlText().declaration().open(payload.locationName(), S3_NS);
                body = x.escape(ValueText.format(payload, value, ValueText.TimeFormat.ISO_8601))
                        .close(payload.locationName()).toString().getBytes(StandardCharsets.UTF_8);
            } else if (RestBindings.isRaw(payload)) {
                body = RestBindings.rawBytes(value);
                if (!RestBindings.setsHeader(pojo, "Content-Type")) {
                    out.headers().set("Content-Type", "application/octet-stream");
                }
            } else if (payload.marshallingType() == MarshallingType.SDK_POJO) {
                XmlText x = new XmlText().declaration().open(payload.locationName(), S3_NS);
                writer.writeMembers(x, (SdkPojo) value);
                body = x.close(payload.locationName()).toString().getBytes(StandardCharsets.UTF_8);
            } else {
                body = new byte[0];
            }
        } else if (hasPayloadMembers(pojo)) {
            String root = rootElement(operation);
            XmlText x = new XmlText().declaration().open(root, S3_NS);
            writer.writeMembers(x, pojo);
            body = x.close(root).toString().getBytes(StandardCharsets.UTF_8);
        } else {
            body = new byte[0];
        }
        return new WireResponse(status, out.headers(), body);
    }

    /** True when the model's output shape names a payload member (raw text or bytes on the wire). */
    private static boolean declaresPayload(OperationBinding operation) {
        String shape = operation.model().outputShape();
        JsonNode node = shape == null ? null : operation.service().model().shapes().get(shape);
        return node != null && node.has("payload");
    }

    private static boolean hasPayloadMembers(SdkPojo pojo) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (f.location() == software.amazon.awssdk.core.protocol.MarshallLocation.PAYLOAD) {
                return true;
            }
        }
        return false;
    }

    /**
     * Root elements of S3 answers whose output structure carries an {@code @xmlName} in the Smithy model
     * that the botocore model lacks (S3 answers ListObjectsV2 with {@code <ListBucketResult>}).
     */
    private static final Map<String, String> S3_ROOTS = Map.ofEntries(
            Map.entry("ListObjectsOutput", "ListBucketResult"), Map.entry("ListObjectsV2Output", "ListBucketResult"),
            Map.entry("ListObjectVersionsOutput", "ListVersionsResult"), Map.entry("ListBucketsOutput", "ListAllMyBucketsResult"),
            Map.entry("ListDirectoryBucketsOutput", "ListAllMyDirectoryBucketsResult"),
            Map.entry("CreateMultipartUploadOutput", "InitiateMultipartUploadResult"), Map.entry("DeleteObjectsOutput", "DeleteResult"),
            Map.entry("GetBucketTaggingOutput", "Tagging"), Map.entry("GetObjectTaggingOutput", "Tagging"),
            Map.entry("GetBucketCorsOutput", "CORSConfiguration"), Map.entry("GetBucketVersioningOutput", "VersioningConfiguration"),
            Map.entry("GetBucketAclOutput", "AccessControlPolicy"), Map.entry("GetObjectAclOutput", "AccessControlPolicy"),
            Map.entry("GetBucketLifecycleConfigurationOutput", "LifecycleConfiguration"),
            Map.entry("GetBucketLoggingOutput", "BucketLoggingStatus"), Map.entry("GetBucketWebsiteOutput", "WebsiteConfiguration"),
            Map.entry("GetBucketRequestPaymentOutput", "RequestPaymentConfiguration"),
            Map.entry("GetBucketAccelerateConfigurationOutput", "AccelerateConfiguration"),
            Map.entry("GetObjectAttributesOutput", "GetObjectAttributesResponse"));

    private static String rootElement(OperationBinding operation) {
        String shape = operation.model().outputShape();
        if (shape == null) {
            return operation.name() + "Result";
        }
        if ("s3".equals(operation.service().model().id()) && S3_ROOTS.containsKey(shape)) {
            return S3_ROOTS.get(shape);
        }
        JsonNode node = operation.service().model().shapes().get(shape);
        if (node != null && node.has("locationName")) {
            return node.get("locationName").asText();
        }
        return shape.endsWith("Output") ? shape.substring(0, shape.length() - 6) + "Result" : shape;
    }

    /** The input document: URI labels, query, headers and the XML body per the model's members (see {@link XmlDocuments}). */
    @Override
    public com.fasterxml.jackson.databind.JsonNode parseDocument(WireRequest request, OperationBinding operation) {
        RestRouter.Match m = router.route(operation.service().model(), request.method(), request.rawPath(),
                request.queryParameters(), request.headers(), RestBindings.servable(operation.service()));
        return documents.read(operation.service().model(), operation.model().inputShape(), request,
                m == null ? Map.of() : m.labels(), m == null ? Set.of() : m.literalQuery());
    }

    /** The output document as headers, status and an XML body under the operation's root element. */
    @Override
    public WireResponse successDocument(com.fasterxml.jackson.databind.JsonNode output, OperationBinding operation, RequestContext context) {
        return documents.write(operation.service().model(), operation.model().outputShape(), rootElement(operation), namespace(operation),
                operation.model().successCode(), output);
    }

    /** The written XML with members the SDK classes lack added where the output shape puts them. */
    @Override
    public WireResponse withExtraMembers(WireResponse written, com.fasterxml.jackson.databind.node.ObjectNode extra,
                                         OperationBinding operation) {
        if (extra == null || extra.isEmpty() || written.body().length == 0) {
            return written;
        }
        return new WireResponse(written.status(), written.headers(),
                documents.merge(operation.service().model(), operation.model().outputShape(), written.body(), extra));
    }

    private static String namespace(OperationBinding operation) {
        String declared = operation.service().model().xmlNamespace();
        return declared == null || declared.isEmpty() ? S3_NS : declared;
    }

    @Override
    public WireResponse error(ResolvedError error, ServiceBinding service, RequestContext context) {
        XmlText x = new XmlText().declaration().open("Error")
                .element("Code", error.code())
                .element("Message", error.message());
        error.fields().forEach((k, v) -> x.element(k, String.valueOf(v)));
        x.element("RequestId", context.requestId()).element("HostId", context.requestId()).close("Error");
        return WireResponse.of(error.status(), "application/xml", x.toString().getBytes(StandardCharsets.UTF_8));
    }
}
