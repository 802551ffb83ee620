package io.haneul.ses.domain;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * SES's content scan: a message SES accepted but found a virus in is not delivered and becomes a
 * {@code Reject} event ({@code "reason": "Bad content"}). Haneul has no antivirus engine, so the only
 * "virus" it recognises is the EICAR test string, the industry-standard harmless signature every
 * scanner detects by design, so that applications can exercise their Reject handling. It is looked
 * for in the raw MIME and in every part's decoded content (base64 or quoted-printable attachments).
 */
public final class VirusScan {

    /** The EICAR anti-virus test string. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    /** The reason of the Reject event. */
    public static final String REASON = "Bad content";

    private static final byte[] SIGNATURE = EICAR.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = 10;

    static {
        JakartaMail.fastStreamProvider();
    }

    private VirusScan() {
    }

    /** Whether the raw MIME message carries the EICAR signature, as is or in a decoded part. */
    public static boolean infected(byte[] raw) {
        if (raw == null) {
            return false;
        }
        if (indexOf(raw, SIGNATURE) >= 0) {
            return true;
        }
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            return infected(m, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            return false; // unparseable MIME: only the raw check applies
        }
    }

    private static boolean infected(Part p, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (p.isMimeType("multipart/*")) {
            Object content = p.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    if (infected(b, depth + 1)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (p.isMimeType("message/rfc822") && p.getContent() instanceof Part inner) {
            return infected(inner, depth + 1);
        }
        try (InputStream in = p.getInputStream()) {
            return indexOf(in.readAllBytes(), SIGNATURE) >= 0;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
