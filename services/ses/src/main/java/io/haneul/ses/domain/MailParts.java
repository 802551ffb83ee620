package io.haneul.ses.domain;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the mailbox shows of a MIME message: subject, addresses, the first text and HTML parts and
 * the attachments' names, found by walking the MIME tree with Jakarta Mail.
 */
public record MailParts(String subject, String from, List<String> to, List<String> cc, String text, String html,
                        List<String> attachments) {

    static {
        JakartaMail.fastStreamProvider();
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    public static MailParts parse(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Walk w = new Walk();
            w.visit(m);
            return new MailParts(m.getSubject(), first(m.getFrom()), addresses(m, Message.RecipientType.TO),
                    addresses(m, Message.RecipientType.CC), w.text, w.html, w.attachments);
        } catch (MessagingException | IOException e) {
            return new MailParts(null, null, List.of(), List.of(), null, null, List.of());
        }
    }

    private static String first(jakarta.mail.Address[] a) {
        return a == null || a.length == 0 ? null : a[0].toString();
    }

    private static List<String> addresses(MimeMessage m, Message.RecipientType type) throws MessagingException {
        jakarta.mail.Address[] a;
        try {
            a = m.getRecipients(type);
        } catch (jakarta.mail.internet.AddressException e) {
            String h = m.getHeader(type == Message.RecipientType.TO ? "To" : "Cc", ",");
            return h == null ? List.of() : List.of(h);
        }
        List<String> out = new ArrayList<>();
        if (a != null) {
            for (jakarta.mail.Address x : a) {
                out.add(x instanceof InternetAddress ia ? ia.toUnicodeString() : x.toString());
            }
        }
        return out;
    }

    private static final class Walk {
        String text;
        String html;
        final List<String> attachments = new ArrayList<>();

        void visit(Part p) throws MessagingException, IOException {
            String disposition = p.getDisposition();
            if (p.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) p.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart b = mp.getBodyPart(i);
                    visit(b);
                }
            } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || p.getFileName() != null) {
                attachments.add(p.getFileName());
            } else if (p.isMimeType("text/plain") && text == null) {
                text = String.valueOf(p.getContent());
            } else if (p.isMimeType("text/html") && html == null) {
                html = String.valueOf(p.getContent());
            }
        }
    }
}
