package io.haneul.ses;

import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.SimpleMail;

import java.util.List;
import java.util.Map;

/**
 * One message to send, however it arrived (v1 or v2 API, SMTP): either parts to compose
 * ({@code simple}, possibly from a template) or finished MIME ({@code raw}).
 *
 * @param source         the envelope sender / Source parameter; null for raw sends that take it from From
 * @param to             destinations; for raw sends without Destinations, empty (taken from the headers)
 * @param template       the template to render into {@code simple}, or null
 * @param templateData   JSON data of the template
 * @param maxBytes       size limit of this channel (10 MB v1, 40 MB v2 and SMTP)
 * @param sourceIp       for the event JSON's ses:source-ip tag
 * @param callerIdentity for the event JSON's ses:caller-identity tag
 */
record Outgoing(Scope scope, String source, List<String> to, List<String> cc, List<String> bcc, SimpleMail simple, byte[] raw,
                EmailTemplate template, String templateData, String configSet, Map<String, String> tags, String sourceArn,
                String fromArn, String returnPath, long maxBytes, String sourceIp, String callerIdentity) {

    static final long V1_MAX = 10L * 1024 * 1024;
    static final long V2_MAX = 40L * 1024 * 1024;
}
