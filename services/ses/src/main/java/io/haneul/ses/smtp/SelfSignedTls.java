package io.haneul.ses.smtp;

import javax.net.ssl.SSLContext;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

/**
 * A TLS context for STARTTLS with a self-signed certificate generated at start (EC P-256,
 * SHA256withECDSA, CN and subjectAltName for the host, localhost and 127.0.0.1).
 */
public final class SelfSignedTls {

    private final SSLContext context;
    private final X509Certificate certificate;

    private SelfSignedTls(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    public SSLContext context() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public static SelfSignedTls generate(String hostName) {
        KeyPair kp = io.haneul.core.tls.SelfSignedCertificates.newEcKeyPair();
        X509Certificate cert = certificate(kp, hostName);
        return new SelfSignedTls(io.haneul.core.tls.SelfSignedCertificates.serverContext(kp, cert), cert);
    }

    /** For {@code hostName}, localhost and 127.0.0.1, valid from a day ago for ten years. */
    static X509Certificate certificate(KeyPair kp, String hostName) {
        java.util.List<String> dns = hostName.equals("localhost") ? java.util.List.of("localhost") : java.util.List.of(hostName, "localhost");
        java.time.Instant now = java.time.Instant.now();
        return io.haneul.core.tls.SelfSignedCertificates.create(kp, "CN=" + hostName, dns, java.util.List.of("127.0.0.1"),
                now.minus(java.time.Duration.ofDays(1)), now.plus(java.time.Duration.ofDays(3650)));
    }
}
