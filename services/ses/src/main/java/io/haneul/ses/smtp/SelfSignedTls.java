package io.haneul.ses.smtp;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
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
        try {
            KeyPair kp = io.haneul.core.tls.SelfSignedCertificates.newEcKeyPair();
            X509Certificate cert = certificate(kp, hostName);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = "haneul".toCharArray();
            ks.setKeyEntry("smtp", kp.getPrivate(), pass, new java.security.cert.Certificate[]{cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return new SelfSignedTls(ctx, cert);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the SMTP TLS certificate", e);
        }
    }

    /** For {@code hostName}, localhost and 127.0.0.1, valid from a day ago for ten years. */
    static X509Certificate certificate(KeyPair kp, String hostName) {
        java.util.List<String> dns = hostName.equals("localhost") ? java.util.List.of("localhost") : java.util.List.of(hostName, "localhost");
        java.time.Instant now = java.time.Instant.now();
        return io.haneul.core.tls.SelfSignedCertificates.create(kp, "CN=" + hostName, dns, java.util.List.of("127.0.0.1"),
                now.minus(java.time.Duration.ofDays(1)), now.plus(java.time.Duration.ofDays(3650)));
    }
}
