package io.haneul.it;

import io.haneul.core.error.AwsErrorException;
import io.haneul.core.protocol.SafeXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The request XML parser the rest-xml protocol uses (S3 and others) refuses DOCTYPEs, so no entity is
 * ever expanded and no external resource read. Tested directly until a rest-xml service is served.
 */
class SafeXmlTest {

    private static final String SECRET = "TOP-SECRET-FILE-CONTENT-7f3a";

    @Test
    void plainXmlParses() {
        Document doc = new SafeXml().parse("<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("eu-west-1", doc.getElementsByTagName("LocationConstraint").item(0).getTextContent());
    }

    @Test
    void externalEntityIsRefusedAndNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        AwsErrorException e = assertThrows(AwsErrorException.class, () -> new SafeXml().parse(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("MalformedXML", e.code());
        assertEquals(400, e.status());
        assertFalse(e.getMessage().contains(SECRET));
        assertFalse(e.getMessage().contains(secret.toString()), "the message does not echo the entity's system id");
    }

    @Test
    void everyDoctypeIsMalformedXml() {
        for (String xml : List.of(
                "<!DOCTYPE r><r/>",
                "<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\"><r/>",
                "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r/>",
                "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>",
                "<!DOCTYPE r [<!ENTITY x \"internal\">]><r>&x;</r>")) {
            AwsErrorException e = assertThrows(AwsErrorException.class, () -> new SafeXml().parse(xml.getBytes(StandardCharsets.UTF_8)), xml);
            assertEquals("MalformedXML", e.code(), xml);
        }
    }

    @Test
    void undeclaredEntityAndBrokenXmlAreMalformedXml() {
        for (String xml : List.of("<r>&x;</r>", "<r>", "", "<r></s>", "\u0000", "<?xml version=\"1.0\"?>")) {
            AwsErrorException e = assertThrows(AwsErrorException.class, () -> new SafeXml().parse(xml.getBytes(StandardCharsets.UTF_8)), xml);
            assertEquals("MalformedXML", e.code(), xml);
        }
    }

    @Test
    void invalidUtf8IsMalformedXml() {
        byte[] xml = {'<', 'r', '>', (byte) 0xff, (byte) 0xfe, '<', '/', 'r', '>'};
        AwsErrorException e = assertThrows(AwsErrorException.class, () -> new SafeXml().parse(xml));
        assertEquals("MalformedXML", e.code());
    }
}
