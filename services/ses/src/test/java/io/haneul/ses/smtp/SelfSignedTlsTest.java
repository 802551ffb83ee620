package io.haneul.ses.smtp;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.*;

class SelfSignedTlsTest {
    @Test
    void generatesAUsableSelfSignedCertificate() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate("localhost");
        X509Certificate c = tls.certificate();
        c.checkValidity();
        c.verify(c.getPublicKey());
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=localhost"));
        assertNotNull(c.getSubjectAlternativeNames());
        assertNotNull(tls.context().getServerSocketFactory());
        // P-256, not RSA 2048: the key is made while the server starts
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", c.getSigAlgName());
    }
}
