package io.haneul.core.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Self-signed X.509 v3 certificates (SHA256withRSA or SHA256withECDSA by the key, BouncyCastle), for the
 * few places Haneul must present its own: SNS's message-signing certificate (RSA, as AWS's signatures are)
 * the SES SMTP listener's STARTTLS and the HTTPS listener ({@code --tls-port}) (P-256: made in a millisecond
 * where RSA 2048 takes 100-300 ms of a start on a small machine).
 */
public final class SelfSignedCertificates {

    private SelfSignedCertificates() {
    }

    /** A fresh RSA 2048 key pair. */
    public static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** A fresh EC key pair on the P-256 curve. */
    public static KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC key generator", e);
        }
    }

    /**
     * A certificate for {@code keys}, issued to itself.
     *
     * @param subject  the distinguished name, e.g. {@code O=Haneul,CN=sns.amazonaws.com}
     * @param dnsNames subjectAltName DNS entries (none: no extension)
     * @param ips      subjectAltName IP address entries
     */
    public static X509Certificate create(KeyPair keys, String subject, List<String> dnsNames, List<String> ips,
                                         Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name(subject);
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial),
                Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
        try {
            if (!dnsNames.isEmpty() || !ips.isEmpty()) {
                GeneralName[] names = java.util.stream.Stream.concat(
                        dnsNames.stream().map(d -> new GeneralName(GeneralName.dNSName, d)),
                        ips.stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip))).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(
                    "EC".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | CertIOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot create a self-signed certificate for " + subject, e);
        }
    }

    /** A TLS context that presents {@code certificate} (issued to {@code keys}) to the clients of a server. */
    public static SSLContext serverContext(KeyPair keys, X509Certificate certificate) {
        try {
            char[] password = "haneul".toCharArray(); // the store never leaves memory
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keyStore(keys, certificate, password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context for " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A PKCS#12 key store holding {@code keys}' private key and {@code certificate} under the alias {@code server}. */
    public static KeyStore keyStore(KeyPair keys, X509Certificate certificate, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), password, new java.security.cert.Certificate[]{certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a key store for " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The certificate in PEM ({@code -----BEGIN CERTIFICATE-----}), what clients take as a CA bundle. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }
}
