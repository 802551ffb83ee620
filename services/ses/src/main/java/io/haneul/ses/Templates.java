package io.haneul.ses;

import io.haneul.ses.domain.EmailTemplate;
import io.haneul.ses.domain.MimeComposer;
import io.haneul.ses.domain.SesException;
import io.haneul.ses.domain.SimpleMail;
import io.haneul.ses.domain.TemplateRenderer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/** Email templates (v1 and v2 share them) and test rendering. */
final class Templates {

    private static final int MAX_TEMPLATES = 10_000;
    private static final int MAX_BYTES = 500 * 1024;

    private final Docs docs;
    private final Clock clock;
    private final TemplateRenderer renderer;

    Templates(Docs docs, Clock clock, TemplateRenderer renderer) {
        this.docs = docs;
        this.clock = clock;
        this.renderer = renderer;
    }

    void create(Scope s, EmailTemplate t) {
        check(t);
        t.createdMs = clock.millis();
        docs.store().db().write(c -> {
            if (docs.store().count(c, s.account(), s.region(), Docs.TEMPLATE) >= MAX_TEMPLATES) {
                throw SesException.limit("Maximum number of templates (" + MAX_TEMPLATES + ") reached.");
            }
            if (!docs.insert(c, s, Docs.TEMPLATE, t.name, t, t.createdMs)) {
                throw SesException.exists("AlreadyExistsException", "Template " + t.name + " already exists for account id " + s.account());
            }
            return null;
        });
    }

    void update(Scope s, EmailTemplate t) {
        check(t);
        docs.update(s, Docs.TEMPLATE, t.name, EmailTemplate.class, () -> SesException.templateMissing(t.name), old -> {
            old.subject = t.subject;
            old.text = t.text;
            old.html = t.html;
        });
    }

    private void check(EmailTemplate t) {
        if (t.name == null || !t.name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new SesException("InvalidTemplateException", "BadRequestException",
                    "Invalid template name " + t.name + ": only alphanumeric ASCII characters, '_', and '-' are allowed.");
        }
        int size = len(t.subject) + len(t.text) + len(t.html);
        if (size > MAX_BYTES) {
            throw new SesException("InvalidTemplateException", "BadRequestException", "Template size exceeds 500 KB.");
        }
        renderer.check(t);
    }

    private static int len(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    EmailTemplate get(Scope s, String name) {
        return docs.get(s, Docs.TEMPLATE, name, EmailTemplate.class).orElseThrow(() -> SesException.templateMissing(name));
    }

    List<EmailTemplate> list(Scope s) {
        return docs.list(s, Docs.TEMPLATE, EmailTemplate.class);
    }

    void delete(Scope s, String name) {
        docs.delete(s, Docs.TEMPLATE, name);
    }

    /**
     * Renders a template into a MIME message, as TestRenderTemplate answers.
     *
     * @throws SesException MissingRenderingAttribute when the data lacks a variable
     */
    String testRender(EmailTemplate t, String data) {
        try {
            TemplateRenderer.Rendered r = renderer.render(t, renderer.data(data));
            SimpleMail m = new SimpleMail("sender@example.com", List.of(), List.of(), List.of(), r.subject(), null, r.text(), null, r.html(),
                    null, List.of(), List.of());
            byte[] mime = MimeComposer.compose(m, "test-render", Date.from(clock.instant()));
            return renderedWithoutEnvelope(new String(mime, StandardCharsets.UTF_8));
        } catch (TemplateRenderer.MissingAttribute e) {
            throw new SesException("MissingRenderingAttributeException", "BadRequestException", e.getMessage());
        }
    }

    /** Drops the placeholder From and Message-ID of the test rendering. */
    private static String renderedWithoutEnvelope(String mime) {
        StringBuilder out = new StringBuilder();
        boolean headers = true;
        for (String line : mime.split("\r\n", -1)) {
            if (headers && line.isEmpty()) {
                headers = false;
            }
            if (headers && (line.startsWith("From: ") || line.startsWith("Message-ID: "))) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.substring(0, Math.max(0, out.length() - 2));
    }

    TemplateRenderer renderer() {
        return renderer;
    }
}
