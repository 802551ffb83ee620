package io.haneul.server.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsListenerTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);

    static X509Certificate certificate(KeyStore store) throws Exception {
        return (X509Certificate) store.getCertificate("server");
    }

    @Test
    void theCertificateIsMadeOnceAndKeptWithItsPem(@TempDir Path dir) throws Exception {
        X509Certificate first = certificate(TlsListener.keyStore(dir, "127.0.0.1", clock));
        X509Certificate again = certificate(TlsListener.keyStore(dir, "127.0.0.1", Clock.systemUTC()));
        assertEquals(first, again, "a restart presents the same certificate");
        try (InputStream pem = Files.newInputStream(dir.resolve(TlsListener.CERTIFICATE))) {
            assertEquals(first, CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("haneul.p12"))));
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), first.getNotBefore().toInstant());
    }

    @Test
    void theCertificateNamesLocalhostLoopbackAndTheListenHost(@TempDir Path dir) throws Exception {
        assertEquals(Set.of("localhost", "127.0.0.1", "search.internal"),
                names(certificate(TlsListener.keyStore(dir.resolve("named"), "search.internal", clock))));
        assertEquals(Set.of("localhost", "127.0.0.1", "10.1.2.3"), names(certificate(TlsListener.keyStore(dir.resolve("ip"), "10.1.2.3", clock))));
        assertEquals(Set.of("localhost", "127.0.0.1"), names(certificate(TlsListener.keyStore(dir.resolve("all"), "0.0.0.0", clock))));
    }

    static Set<String> names(X509Certificate c) throws Exception {
        assertTrue(c.getSubjectAlternativeNames() != null);
        return c.getSubjectAlternativeNames().stream().map(n -> (String) ((List<?>) n).get(1)).collect(Collectors.toSet());
    }
}
