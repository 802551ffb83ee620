package io.haneul.ses.domain;

import java.util.List;

/**
 * A message given as parts (v1 SendEmail, templated sends, v2 Simple content) before it becomes MIME.
 *
 * @param headers     extra header fields (v2 Headers), in order
 * @param attachments v2 attachments; empty for v1
 */
public record SimpleMail(String from, List<String> to, List<String> cc, List<String> replyTo, String subject,
                         String subjectCharset, String text, String textCharset, String html, String htmlCharset,
                         List<Header> headers, List<Attachment> attachments) {

    public record Header(String name, String value) {
    }

    /**
     * @param disposition ATTACHMENT or INLINE (null: attachment)
     * @param encoding    BASE64, QUOTED_PRINTABLE or SEVEN_BIT (null: base64)
     */
    public record Attachment(String fileName, String contentType, String disposition, String contentId, String description,
                             String encoding, byte[] content) {
    }

    public SimpleMail withContent(String newSubject, String newText, String newHtml) {
        return new SimpleMail(from, to, cc, replyTo, newSubject, subjectCharset, newText, textCharset, newHtml, htmlCharset,
                headers, attachments);
    }
}
