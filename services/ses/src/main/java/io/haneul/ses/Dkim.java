package io.haneul.ses;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Properties;

/** DKIM-signs outgoing MIME (relaxed/relaxed, rsa-sha256) with a domain identity's key. */
final class Dkim {

    private static final Session SESSION = Session.getInstance(new Properties());

    static {
        io.haneul.ses.domain.JakartaMail.fastStreamProvider();
    }

    private Dkim() {
    }

    static byte[] sign(byte[] raw, String domain, String selector, RSAPrivateKey key) {
        try {
            DkimSigner signer = new DkimSigner(domain, selector, key);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false);
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            DkimMessage signed = new DkimMessage(m, signer);
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 600);
            signed.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        }
    }
}
