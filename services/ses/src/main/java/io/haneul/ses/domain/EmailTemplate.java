package io.haneul.ses.domain;

/** A stored email template (v1 Template, v2 EmailTemplate share it). */
public final class EmailTemplate {
    public String name;
    public String subject;
    public String text;
    public String html;
    public long createdMs;

    public EmailTemplate() {
    }

    public EmailTemplate(String name, String subject, String text, String html, long createdMs) {
        this.name = name;
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.createdMs = createdMs;
    }
}
