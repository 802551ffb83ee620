package io.haneul.ses.domain;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns {@link SimpleMail} into MIME as SES does: text/plain or text/html alone, both as
 * multipart/alternative, inside multipart/mixed when there are attachments; UTF-8 subjects and
 * display names as RFC 2047 encoded words; Message-ID {@code <id@email.amazonses.com>}.
 */
public final class MimeComposer {

    static {
        JakartaMail.fastStreamProvider();
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeComposer() {
    }

    public static byte[] compose(SimpleMail given, String messageId, Date date) {
        SimpleMail mail = given.withContent(given.subject(), crlf(given.text()), crlf(given.html()));
        try {
            MimeMessage m = new FixedIdMessage("<" + messageId + "@email.amazonses.com>");
            m.setFrom(address(mail.from()));
            set(m, Message.RecipientType.TO, mail.to());
            set(m, Message.RecipientType.CC, mail.cc());
            if (mail.replyTo() != null && !mail.replyTo().isEmpty()) {
                m.setReplyTo(mail.replyTo().stream().map(MimeComposer::addressUnchecked).toArray(InternetAddress[]::new));
            }
            m.setSubject(mail.subject() == null ? "" : mail.subject(), charset(mail.subjectCharset()));
            m.setSentDate(date);
            if (mail.headers() != null) {
                for (SimpleMail.Header h : mail.headers()) {
                    m.addHeader(h.name(), MimeUtility.fold(h.name().length() + 2, MimeUtility.encodeText(h.value(), "UTF-8", null)));
                }
            }
            List<SimpleMail.Attachment> attachments = mail.attachments() == null ? List.of() : mail.attachments();
            if (attachments.isEmpty()) {
                if (mail.text() != null && mail.html() != null) {
                    m.setContent((MimeMultipart) body(mail).getContent());
                } else if (mail.html() != null) {
                    m.setText(mail.html(), charset(mail.htmlCharset()), "html");
                } else {
                    m.setText(mail.text() == null ? "" : mail.text(), charset(mail.textCharset()), "plain");
                }
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body(mail));
                for (SimpleMail.Attachment a : attachments) {
                    mixed.addBodyPart(attachment(a));
                }
                m.setContent(mixed);
            }
            m.saveChanges();
            m.setHeader("Message-ID", "<" + messageId + "@email.amazonses.com>");
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw SesException.invalid("Cannot build the message: " + e.getMessage());
        }
    }

    /** Line breaks as CRLF, as MIME on the wire needs them (and DKIM body hashes assume). */
    static String crlf(String s) {
        if (s == null || s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    private static MimeBodyPart body(SimpleMail mail) throws MessagingException {
        String text = mail.text();
        String html = mail.html();
        MimeBodyPart part = new MimeBodyPart();
        if (text != null && html != null) {
            MimeMultipart alt = new MimeMultipart("alternative");
            MimeBodyPart t = new MimeBodyPart();
            t.setText(text, charset(mail.textCharset()), "plain");
            MimeBodyPart h = new MimeBodyPart();
            h.setText(html, charset(mail.htmlCharset()), "html");
            alt.addBodyPart(t);
            alt.addBodyPart(h);
            part.setContent(alt);
        } else if (html != null) {
            part.setText(html, charset(mail.htmlCharset()), "html");
        } else {
            part.setText(text == null ? "" : text, charset(mail.textCharset()), "plain");
        }
        return part;
    }

    private static MimeBodyPart attachment(SimpleMail.Attachment a) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        String type = a.contentType() == null || a.contentType().isBlank() ? guessType(a.fileName()) : a.contentType();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), type)));
        if (a.fileName() != null) {
            try {
                p.setFileName(MimeUtility.encodeText(a.fileName(), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                p.setFileName(a.fileName());
            }
        }
        p.setDisposition("INLINE".equalsIgnoreCase(a.disposition()) ? MimeBodyPart.INLINE : MimeBodyPart.ATTACHMENT);
        if (a.contentId() != null) {
            p.setContentID(a.contentId().startsWith("<") ? a.contentId() : "<" + a.contentId() + ">");
        }
        if (a.description() != null) {
            p.setDescription(a.description(), "UTF-8");
        }
        String enc = a.encoding() == null ? "BASE64" : a.encoding().toUpperCase(Locale.ROOT);
        p.setHeader("Content-Transfer-Encoding", switch (enc) {
            case "QUOTED_PRINTABLE" -> "quoted-printable";
            case "SEVEN_BIT" -> "7bit";
            default -> "base64";
        });
        return p;
    }

    static String guessType(String fileName) {
        if (fileName == null) {
            return "application/octet-stream";
        }
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".txt")) {
            return "text/plain";
        }
        if (f.endsWith(".html") || f.endsWith(".htm")) {
            return "text/html";
        }
        if (f.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (f.endsWith(".png")) {
            return "image/png";
        }
        if (f.endsWith(".jpg") || f.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (f.endsWith(".gif")) {
            return "image/gif";
        }
        if (f.endsWith(".csv")) {
            return "text/csv";
        }
        if (f.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static void set(MimeMessage m, Message.RecipientType type, List<String> list) throws MessagingException {
        if (list != null && !list.isEmpty()) {
            m.setRecipients(type, list.stream().map(MimeComposer::addressUnchecked).toArray(InternetAddress[]::new));
        }
    }

    private static InternetAddress addressUnchecked(String s) {
        try {
            return address(s);
        } catch (MessagingException e) {
            throw SesException.invalid("Illegal address");
        }
    }

    /** Parses {@code Name <a@b>} keeping a UTF-8 display name (encoded on output). */
    public static InternetAddress address(String s) throws MessagingException {
        if (s == null) {
            throw SesException.invalid("Missing final '@domain'");
        }
        InternetAddress a = new InternetAddress(s, false);
        if (a.getPersonal() != null) {
            try {
                a.setPersonal(a.getPersonal(), "UTF-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return a;
    }

    private static String charset(String c) {
        return c == null || c.isBlank() ? "UTF-8" : c;
    }

    /** A MimeMessage whose Message-ID is ours rather than one Jakarta Mail makes up. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(String id) {
            super(SESSION);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** Bytes of a MIME string (RenderedTemplate answers). */
    public static String asString(byte[] mime) {
        return new String(mime, StandardCharsets.UTF_8);
    }
}
