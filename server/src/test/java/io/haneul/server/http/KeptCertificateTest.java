package io.haneul.server.http;

import io.haneul.core.tls.SelfSignedCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptCertificateTest {

    static final String IPV6_LOOPBACK = "0:0:0:0:0:0:0:1"; // how X509Certificate spells ::1

    static X509Certificate certificate(KeyStore store) throws Exception {
        return KeptCertificate.certificate(store);
    }

    static X509Certificate pem(Path dir) throws Exception {
        try (InputStream pem = Files.newInputStream(dir.resolve(TlsListener.CERTIFICATE))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
    }

    static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theCertificateIsMadeOnceAndKeptWithItsPemInAnOwnerOnlyDirectory(@TempDir Path data) throws Exception {
        Path dir = data.resolve("tls");
        X509Certificate first = certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));
        X509Certificate again = certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));
        assertEquals(first, again, "a restart presents the same certificate");
        assertEquals(first, pem(dir));
        assertEquals("rwx------", permissions(dir));
        assertEquals("rw-------", permissions(dir.resolve("haneul.p12")));
        first.checkValidity(); // dated by the system clock, which clients check it against
        assertTrue(first.getNotBefore().toInstant().isBefore(Instant.now().minus(Duration.ofHours(23))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("haneul.p12", "haneul.pem"), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                    "no temporary file is left");
        }
    }

    @Test
    void theCertificateNamesLocalhostLoopbackAndTheListenHost(@TempDir Path dir) throws Exception {
        assertEquals(List.of("localhost", "127.0.0.1", IPV6_LOOPBACK, "search.internal"), names(dir.resolve("named"), "search.internal"));
        assertEquals(List.of("localhost", "127.0.0.1", IPV6_LOOPBACK, "10.1.2.3"), names(dir.resolve("ip"), "10.1.2.3"));
        assertEquals(List.of("localhost", "127.0.0.1", IPV6_LOOPBACK, "fd00:0:0:0:0:0:0:7"), names(dir.resolve("ip6"), "fd00::7"));
        // wildcards name no address a client would use; loopback hosts are named once
        for (String host : new String[]{"0.0.0.0", "::", "::1", "127.0.0.1", "localhost"}) {
            assertEquals(List.of("localhost", "127.0.0.1", IPV6_LOOPBACK), names(dir.resolve("h" + host.hashCode()), host), host);
        }
    }

    static List<String> names(Path dir, String host) throws Exception {
        return certificate(KeptCertificate.keyStore(dir, host)).getSubjectAlternativeNames().stream()
                .map(n -> (String) n.get(1)).sorted((a, b) -> order(a) - order(b)).toList();
    }

    /** localhost, then the loopback addresses, then the host (as made). */
    static int order(String name) {
        return switch (name) {
            case "localhost" -> 0;
            case "127.0.0.1" -> 1;
            case IPV6_LOOPBACK -> 2;
            default -> 3;
        };
    }

    @Test
    void aKeptCertificateThatDoesNotNameANewHostIsReplaced(@TempDir Path dir) throws Exception {
        X509Certificate loopback = certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));
        X509Certificate named = certificate(KeptCertificate.keyStore(dir, "search.internal"));
        assertNotEquals(loopback, named);
        assertTrue(names(dir, "search.internal").contains("search.internal"));
        assertEquals(named, pem(dir));
        assertEquals(named, certificate(KeptCertificate.keyStore(dir, "search.internal")), "kept while it fits");
        assertEquals(named, certificate(KeptCertificate.keyStore(dir, "127.0.0.1")), "loopback is always named");
        assertEquals(named, certificate(KeptCertificate.keyStore(dir, "0.0.0.0")), "a wildcard host needs no name");
    }

    @Test
    void anExpiredKeptCertificateIsReplaced(@TempDir Path dir) throws Exception {
        KeyPair keys = SelfSignedCertificates.newEcKeyPair();
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        X509Certificate expired = SelfSignedCertificates.create(keys, "CN=localhost", List.of("localhost"), List.of("127.0.0.1"),
                longAgo, longAgo.plus(Duration.ofDays(30)));
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve("haneul.p12"))) {
            SelfSignedCertificates.keyStore(keys, expired, KeptCertificate.PASSWORD).store(out, KeptCertificate.PASSWORD);
        }
        X509Certificate current = certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));
        assertNotEquals(expired, current);
        current.checkValidity();
        assertEquals(current, pem(dir));
    }

    @Test
    void linksPlantedInTheDirectoryAreNeverWrittenThrough(@TempDir Path data) throws Exception {
        Path dir = Files.createDirectories(data.resolve("tls"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // as an earlier version made it
        Path partialTarget = Files.writeString(data.resolve("precious"), "keep me");
        Path pemTarget = Files.writeString(data.resolve("also-precious"), "keep me too");
        Files.createSymbolicLink(dir.resolve("haneul.p12.partial"), partialTarget); // the name an earlier version wrote through
        Files.createSymbolicLink(dir.resolve("haneul.pem"), pemTarget);

        X509Certificate made = certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));

        assertEquals("keep me", Files.readString(partialTarget));
        assertEquals("keep me too", Files.readString(pemTarget));
        assertFalse(Files.isSymbolicLink(dir.resolve("haneul.pem")), "the link itself was replaced");
        assertEquals(made, pem(dir));
        assertEquals("rwx------", permissions(dir));
    }

    @Test
    void twoStartsAtOnceKeepOneCertificate(@TempDir Path data) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Path dir = data.resolve("round-" + round);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<X509Certificate>> starts = Stream.<Future<X509Certificate>>generate(() -> threads.submit(() -> {
                    gate.await();
                    return certificate(KeptCertificate.keyStore(dir, "127.0.0.1"));
                })).limit(2).toList();
                gate.countDown();
                X509Certificate first = starts.get(0).get();
                assertEquals(first, starts.get(1).get(), "round " + round);
                assertEquals(first, certificate(KeptCertificate.keyStore(dir, "127.0.0.1")), "round " + round);
                assertEquals(first, pem(dir), "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
