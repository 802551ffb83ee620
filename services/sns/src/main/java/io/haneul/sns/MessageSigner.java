package io.haneul.sns;

import io.haneul.sns.domain.Envelope;
import io.haneul.sns.store.KeyStore;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs SNS envelopes with the installation's RSA key, as AWS does: base64 of an RSA PKCS#1 v1.5
 * signature, SHA1withRSA for SignatureVersion 1 and SHA256withRSA for 2. The 2048-bit key and its
 * self-signed certificate are created on first use and kept in the store, so signatures verify
 * against the same certificate across restarts and on every node; the certificate is served as PEM
 * at {@link #certificatePath()}.
 */
final class MessageSigner implements Envelope.Signer {

    static final String CERT_ROUTE = "/_haneul/sns/certs";

    private final KeyStore store;
    private final Clock clock;
    private volatile Loaded loaded;

    private record Loaded(String id, PrivateKey key, X509Certificate certificate, String pem) {
    }

    MessageSigner(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String sign(String stringToSign, String signatureVersion) {
        try {
            Signature s = Signature.getInstance("2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA");
            s.initSign(load().key());
            s.update(stringToSign.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign SNS message", e);
        }
    }

    /** Path of the PEM certificate under the server's base URL. */
    String certificatePath() {
        return CERT_ROUTE + "/SimpleNotificationService-" + load().id() + ".pem";
    }

    String pem() {
        return load().pem();
    }

    X509Certificate certificate() {
        return load().certificate();
    }

    private Loaded load() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (this) {
            if (loaded == null) {
                loaded = readOrCreate();
            }
            return loaded;
        }
    }

    private Loaded readOrCreate() {
        try {
            KeyStore.StoredKey stored = store.find().orElse(null);
            if (stored == null) {
                KeyPair pair = io.haneul.core.tls.SelfSignedCertificates.newRsaKeyPair();
                // the common name AWS's own SNS signature verifiers expect of a signing certificate
                byte[] cert = io.haneul.core.tls.SelfSignedCertificates.create(pair, "O=Haneul,CN=sns.amazonaws.com", java.util.List.of(),
                        java.util.List.of(), clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(3650))).getEncoded();
                String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert)).substring(0, 32);
                stored = store.insertIfAbsent(new KeyStore.StoredKey(id, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                        Base64.getEncoder().encodeToString(cert)), clock.millis());
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored.privateKey())));
            byte[] der = Base64.getDecoder().decode(stored.certificate());
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
            String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
            return new Loaded(stored.id(), key, cert, pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the SNS signing key", e);
        }
    }
}
