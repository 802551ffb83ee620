package io.haneul.ses.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Easy DKIM for a domain identity: three selector tokens (published by users as CNAMEs
 * {@code <token>._domainkey.<domain>} to {@code <token>.dkim.amazonses.com}) and a real RSA key pair,
 * whose private half signs outgoing mail under the first selector and whose public half is what the
 * TXT record behind the CNAME would hold.
 */
public final class DkimKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private DkimKeys() {
    }

    /** A key pair in Base64 DER: PKCS#8 private, X.509 SubjectPublicKeyInfo public. */
    public record Pair(String privateKey, String publicKey) {
    }

    public static Pair generate(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            KeyPair kp = g.generateKeyPair();
            Base64.Encoder b64 = Base64.getEncoder();
            return new Pair(b64.encodeToString(kp.getPrivate().getEncoded()), b64.encodeToString(kp.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAPrivateKey privateKey(String base64Pkcs8) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three random selector tokens of 32 base32 characters, like SES's. */
    public static List<String> tokens() {
        List<String> out = new ArrayList<>(3);
        for (int t = 0; t < 3; t++) {
            out.add(random(32));
        }
        return out;
    }

    /** A random lower-case token, e.g. for domain verification TXT records and verification links. */
    public static String random(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = TOKEN_CHARS[RANDOM.nextInt(TOKEN_CHARS.length)];
        }
        return new String(c);
    }

    /** The DKIM TXT record value of a public key: {@code v=DKIM1; k=rsa; p=...}. */
    public static String txtRecord(String publicKey) {
        return "v=DKIM1; k=rsa; p=" + publicKey;
    }
}
