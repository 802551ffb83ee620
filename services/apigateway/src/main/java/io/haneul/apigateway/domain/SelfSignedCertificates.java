package io.haneul.apigateway.domain;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The certificate GenerateClientCertificate gives: a real self-signed X.509 certificate (RSA 2048,
 * SHA256withRSA, BouncyCastle) in PEM, as API Gateway's is, so a backend can pin it; the private key
 * stays unknown, as on AWS, where it never leaves the service.
 */
public final class SelfSignedCertificates {

    private final SecureRandom random = new SecureRandom();

    public String generate(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).abs(),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(holder.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----";
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not make a client certificate", e);
        }
    }
}
