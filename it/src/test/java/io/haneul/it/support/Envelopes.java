package io.haneul.it.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that a response body is a well-formed AWS envelope for its content type and pulls out the
 * error code: awsJson/restJson {@code __type}, awsQuery {@code ErrorResponse/Error/Code}, rest-xml
 * {@code Error/Code}, rpc-v2-cbor {@code __type}.
 */
public final class Envelopes {

    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** What a body turned out to be. {@code code} is null for a success. */
    public record Envelope(String kind, String code, String message, JsonNode tree, Document xml) {
    }

    private Envelopes() {
    }

    /** Parses the body according to its content type, failing the test when it is not a well-formed envelope. */
    public static Envelope parse(int status, String contentType, byte[] body) {
        String where = status + " " + contentType + " " + preview(body);
        assertNoLeak(body);
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        try {
            if (ct.startsWith("application/x-amz-json-") || ct.startsWith("application/json")) {
                JsonNode tree = JSON.readTree(body);
                assertNotNull(tree, "empty JSON body: " + where);
                assertTrue(tree.isObject(), "JSON body is not an object: " + where);
                return status >= 400 ? jsonError("json", tree, where) : new Envelope("json", null, null, tree, null);
            }
            if (ct.startsWith("application/cbor")) {
                JsonNode tree = CBOR.readTree(body);
                assertNotNull(tree, "empty CBOR body: " + where);
                assertTrue(tree.isObject(), "CBOR body is not a map: " + where);
                return status >= 400 ? jsonError("cbor", tree, where) : new Envelope("cbor", null, null, tree, null);
            }
            if (ct.startsWith("text/xml") || ct.startsWith("application/xml")) {
                Document doc = xml(body);
                Element root = doc.getDocumentElement();
                if (status < 400) {
                    assertTrue(root.getTagName().endsWith("Response") || status == 200,
                            "XML success root is " + root.getTagName() + ": " + where);
                    return new Envelope("xml", null, null, null, doc);
                }
                Element error = root.getTagName().equals("ErrorResponse") ? child(root, "Error")
                        : root.getTagName().equals("Error") ? root : null;
                assertNotNull(error, "XML error root is neither ErrorResponse nor Error: " + where);
                Element code = child(error, "Code");
                assertNotNull(code, "XML error has no Code: " + where);
                assertFalse(code.getTextContent().isBlank(), "XML error Code is empty: " + where);
                Element message = child(error, "Message");
                return new Envelope("xml", code.getTextContent(), message == null ? null : message.getTextContent(), null, doc);
            }
        } catch (java.io.IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException e) {
            fail("malformed " + ct + " body (" + e + "): " + where);
        }
        return fail("unexpected content type for an AWS answer: " + where);
    }

    public static Envelope parse(RawHttp.Response r) {
        return parse(r.status(), r.contentType(), r.body());
    }

    public static Envelope parse(java.net.http.HttpResponse<byte[]> r) {
        return parse(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    /** Asserts an error envelope with the given HTTP status and error code. */
    public static Envelope assertError(RawHttp.Response r, int status, String code) {
        assertEquals(status, r.status(), () -> "status of " + r);
        Envelope e = parse(r);
        assertEquals(code, e.code(), () -> "error code of " + r);
        return e;
    }

    public static Envelope assertError(java.net.http.HttpResponse<byte[]> r, int status, String code) {
        assertEquals(status, r.statusCode(), () -> "status of " + r.statusCode() + " " + preview(r.body()));
        Envelope e = parse(r);
        assertEquals(code, e.code(), () -> "error code of " + preview(r.body()));
        return e;
    }

    /** No stack trace, exception text or server error page in a body meant for clients. */
    public static void assertNoLeak(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String bad : new String[]{"at io.haneul", "at java.", "at org.eclipse", "Exception:", "Caused by", "<html"}) {
            assertFalse(text.contains(bad), () -> "body leaks '" + bad + "': " + preview(body));
        }
    }

    private static Envelope jsonError(String kind, JsonNode tree, String where) {
        JsonNode type = tree.get("__type");
        assertNotNull(type, "error without __type: " + where);
        assertTrue(type.isTextual() && !type.asText().isBlank(), "__type is not a string: " + where);
        String code = type.asText();
        code = code.substring(code.indexOf('#') + 1);
        int colon = code.indexOf(':');
        code = colon < 0 ? code : code.substring(0, colon);
        JsonNode message = tree.has("message") ? tree.get("message") : tree.get("Message");
        return new Envelope(kind, code, message == null ? null : message.asText(), tree, null);
    }

    /** Parses XML with DOCTYPEs refused, as a client should. */
    public static Document xml(byte[] body) throws org.xml.sax.SAXException, java.io.IOException,
            javax.xml.parsers.ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(false);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(body));
    }

    /** The text of the first element named {@code tag} anywhere in the document, or null. */
    public static String text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static Element child(Element parent, String name) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    public static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
