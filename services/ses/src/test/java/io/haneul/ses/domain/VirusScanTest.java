package io.haneul.ses.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirusScanTest {

    private static final String HEAD = "From: a@example.com\r\nTo: b@example.net\r\nSubject: s\r\nMIME-Version: 1.0\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void eicarInPlainBodyIsInfected() {
        assertTrue(VirusScan.infected(bytes(HEAD + "Content-Type: text/plain\r\n\r\n" + VirusScan.EICAR + "\r\n")));
    }

    @Test
    void eicarInBase64AttachmentIsInfected() {
        String b64 = Base64.getMimeEncoder().encodeToString(bytes(VirusScan.EICAR));
        String mime = HEAD + "Content-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n"
                + "--BB\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--BB\r\nContent-Type: application/octet-stream; name=eicar.com\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=eicar.com\r\n\r\n" + b64 + "\r\n--BB--\r\n";
        assertFalse(mime.contains(VirusScan.EICAR), "the raw text must not carry the plain signature");
        assertTrue(VirusScan.infected(bytes(mime)));
    }

    @Test
    void cleanMailIsNot() {
        String b64 = Base64.getMimeEncoder().encodeToString(bytes("just a harmless file, EICAR-STANDARD but not the signature"));
        String mime = HEAD + "Content-Type: multipart/mixed; boundary=\"BB\"\r\n\r\n"
                + "--BB\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--BB\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--BB--\r\n";
        assertFalse(VirusScan.infected(bytes(mime)));
        assertFalse(VirusScan.infected(bytes(HEAD + "Content-Type: text/plain\r\n\r\nhello\r\n")));
        assertFalse(VirusScan.infected(null));
    }
}
