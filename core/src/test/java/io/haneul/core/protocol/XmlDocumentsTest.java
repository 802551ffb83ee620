package io.haneul.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.error.AwsErrorException;
import io.haneul.core.model.ModelLoader;
import io.haneul.core.model.ServiceModel;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** restXml documents read and written from the model alone (S3's shapes: the richest restXml model). */
class XmlDocumentsTest {

    private static final ServiceModel S3 = new ModelLoader().load("s3-2006-03-01");
    private final XmlDocuments documents = new XmlDocuments();
    private final ObjectMapper json = new ObjectMapper();

    private static WireRequest request(String query, Headers headers, String body) {
        return new WireRequest("PUT", "/b/k", query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLabelsQueryHeadersAndARawPayload() throws Exception {
        Headers headers = new Headers().add("x-amz-object-if-match", "\"abc\"").add("x-amz-expected-bucket-owner", "111111111111");
        ObjectNode in = documents.read(S3, "PutObjectAnnotationRequest", request("annotation&annotationName=ml%2Flabels&versionId=v1",
                headers, "payload"), Map.of("Bucket", "b", "Key", "dir/k"), Set.of("annotation"));
        assertEquals("b", in.get("Bucket").asText());
        assertEquals("dir/k", in.get("Key").asText());
        assertEquals("ml/labels", in.get("AnnotationName").asText());
        assertEquals("v1", in.get("VersionId").asText());
        assertEquals("\"abc\"", in.get("ObjectIfMatch").asText());
        assertEquals("111111111111", in.get("ExpectedBucketOwner").asText());
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8), in.get("AnnotationPayload").binaryValue());
    }

    @Test
    void readsAStructurePayloadWithFlattenedListsAndNumbers() throws Exception {
        String xml = """
                <LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Rule><ID>a</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule>
                  <Rule><ID>b</ID><Prefix></Prefix><Status>Disabled</Status></Rule>
                </LifecycleConfiguration>""";
        ObjectNode in = documents.read(S3, "PutBucketLifecycleRequest", request("lifecycle", new Headers(), xml), Map.of("Bucket", "b"),
                Set.of("lifecycle"));
        assertEquals(json.readTree("""
                {"Bucket": "b", "LifecycleConfiguration": {"Rules": [
                  {"Expiration": {"Days": 3}, "ID": "a", "Prefix": "logs/", "Status": "Enabled"},
                  {"ID": "b", "Prefix": "", "Status": "Disabled"}]}}"""), in);
    }

    @Test
    void readsAUnionPayloadByItsMembersXmlNames() throws Exception {
        String xml = "<ObjectEncryption><SSE-KMS><KMSKeyArn>arn:aws:kms:us-east-1:1:key/x</KMSKeyArn>"
                + "<BucketKeyEnabled>true</BucketKeyEnabled></SSE-KMS></ObjectEncryption>";
        ObjectNode in = documents.read(S3, "UpdateObjectEncryptionRequest", request("encryption", new Headers(), xml),
                Map.of("Bucket", "b", "Key", "k"), Set.of("encryption"));
        assertEquals(json.readTree("{\"KMSKeyArn\": \"arn:aws:kms:us-east-1:1:key/x\", \"BucketKeyEnabled\": true}"),
                in.get("ObjectEncryption").get("SSEKMS"));
    }

    @Test
    void aNumberThatDoesNotParseIsTheClientsError() {
        String xml = "<LifecycleConfiguration><Rule><ID>a</ID><Prefix/><Status>Enabled</Status>"
                + "<Expiration><Days>three</Days></Expiration></Rule></LifecycleConfiguration>";
        AwsErrorException e = assertThrows(AwsErrorException.class, () -> documents.read(S3, "PutBucketLifecycleRequest",
                request("lifecycle", new Headers(), xml), Map.of("Bucket", "b"), Set.of("lifecycle")));
        assertEquals("MalformedXML", e.code());
        AwsErrorException q = assertThrows(AwsErrorException.class, () -> documents.read(S3, "ListObjectAnnotationsRequest",
                request("annotation&max-annotation-results=many", new Headers(), ""), Map.of("Bucket", "b", "Key", "k"),
                Set.of("annotation")));
        assertEquals(400, q.status());
    }

    @Test
    void writesHeadersAndAWrappedListUnderTheRootElement() throws Exception {
        JsonNode out = json.readTree("""
                {"ObjectVersionId": "v1", "Bucket": "b", "Key": "k", "MaxAnnotationResults": 2, "AnnotationCount": 1,
                 "Annotations": [{"AnnotationName": "n", "ETag": "\\"e\\"", "LastModified": 0, "Size": 2, "ChecksumAlgorithm": ["CRC64NVME"]}]}""");
        WireResponse r = documents.write(S3, "ListObjectAnnotationsOutput", "ListObjectAnnotationsResult", "urn:ns", 200, out);
        assertEquals(200, r.status());
        assertEquals("v1", r.headers().first("x-amz-object-version-id"));
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListObjectAnnotationsResult xmlns=\"urn:ns\">"
                + "<AnnotationCount>1</AnnotationCount><Annotations><AnnotationEntry><AnnotationName>n</AnnotationName>"
                + "<ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm><ETag>&quot;e&quot;</ETag>"
                + "<LastModified>1970-01-01T00:00:00Z</LastModified><Size>2</Size></AnnotationEntry></Annotations>"
                + "<Bucket>b</Bucket><Key>k</Key><MaxAnnotationResults>2</MaxAnnotationResults></ListObjectAnnotationsResult>", body);
    }

    @Test
    void writesARawPayloadWithHttpDatesInHeaders() throws Exception {
        ObjectNode out = json.createObjectNode().put("ETag", "\"e\"").put("LastModified", 1_700_000_000).put("ContentLength", 3)
                .put("AnnotationPayload", new byte[] {1, 2, 3});
        WireResponse r = documents.write(S3, "GetObjectAnnotationOutput", "unused", "urn:ns", 200, out);
        assertArrayEquals(new byte[] {1, 2, 3}, r.body());
        assertEquals("Tue, 14 Nov 2023 22:13:20 GMT", r.headers().first("Last-Modified"));
        assertEquals("3", r.headers().first("Content-Length"));
        assertEquals("application/octet-stream", r.headers().first("Content-Type"));
    }

    @Test
    void anOutputWithHeadersOnlyHasNoBody() {
        ObjectNode out = json.createObjectNode().put("ObjectVersionId", "v9");
        WireResponse r = documents.write(S3, "DeleteObjectAnnotationOutput", "unused", "urn:ns", 204, out);
        assertEquals(204, r.status());
        assertEquals(0, r.body().length);
        assertEquals("v9", r.headers().first("x-amz-object-version-id"));
    }

    @Test
    void mergesMembersTheWriterDidNotKnowUnderThePayloadsElements() throws Exception {
        String written = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><GetBucketMetadataConfigurationResult xmlns=\"urn:ns\">"
                + "<MetadataConfigurationResult><DestinationResult><TableNamespace>b_x</TableNamespace></DestinationResult>"
                + "</MetadataConfigurationResult></GetBucketMetadataConfigurationResult>";
        ObjectNode extra = (ObjectNode) json.readTree("""
                {"GetBucketMetadataConfigurationResult": {"MetadataConfigurationResult": {
                  "AnnotationTableConfigurationResult": {"ConfigurationState": "ENABLED", "TableName": "annotation"}}}}""");
        String merged = new String(documents.merge(S3, "GetBucketMetadataConfigurationOutput", written.getBytes(StandardCharsets.UTF_8), extra),
                StandardCharsets.UTF_8);
        org.w3c.dom.Element root = new SafeXml().parse(merged.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertEquals("urn:ns", root.getAttribute("xmlns"));
        org.w3c.dom.Element result = (org.w3c.dom.Element) root.getElementsByTagName("MetadataConfigurationResult").item(0);
        assertEquals(2, result.getChildNodes().getLength());
        assertEquals("b_x", result.getElementsByTagName("TableNamespace").item(0).getTextContent());
        org.w3c.dom.Element annotation = (org.w3c.dom.Element) result.getElementsByTagName("AnnotationTableConfigurationResult").item(0);
        assertEquals("ENABLED", annotation.getElementsByTagName("ConfigurationState").item(0).getTextContent());
        assertEquals("annotation", annotation.getElementsByTagName("TableName").item(0).getTextContent());
    }
}
