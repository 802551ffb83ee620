package io.haneul.ses;

import io.haneul.ses.domain.SesException;

import java.time.Clock;
import java.util.List;

/** Custom verification email templates (v1 and v2 share them). */
final class CustomTemplates {

    /** A stored custom verification template. */
    record Custom(String name, String from, String subject, String content, String success, String failure) {
    }

    private final Docs docs;
    private final Clock clock;

    CustomTemplates(Docs docs, Clock clock) {
        this.docs = docs;
        this.clock = clock;
    }

    void create(Scope s, String name, String from, String subject, String content, String success, String failure, boolean update) {
        if (update) {
            Custom old = get(s, name);
            Custom merged = new Custom(name, from != null ? from : old.from(), subject != null ? subject : old.subject(),
                    content != null ? content : old.content(), success != null ? success : old.success(),
                    failure != null ? failure : old.failure());
            docs.put(s, Docs.CUSTOM_VERIFICATION, name, merged, clock.millis());
            return;
        }
        if (name == null || from == null || subject == null || content == null) {
            throw SesException.invalid("TemplateName, FromEmailAddress, TemplateSubject and TemplateContent are required.");
        }
        boolean created = docs.store().db().write(c -> docs.insert(c, s, Docs.CUSTOM_VERIFICATION, name,
                new Custom(name, from, subject, content, success, failure), clock.millis()));
        if (!created) {
            throw SesException.exists("CustomVerificationEmailTemplateAlreadyExistsException",
                    "Custom verification email template " + name + " already exists.");
        }
    }

    Custom get(Scope s, String name) {
        return docs.get(s, Docs.CUSTOM_VERIFICATION, name, Custom.class).orElseThrow(() -> SesException.notFound(
                "CustomVerificationEmailTemplateDoesNotExistException", "Custom verification email template " + name + " does not exist."));
    }

    List<Custom> list(Scope s) {
        return docs.list(s, Docs.CUSTOM_VERIFICATION, Custom.class);
    }

    void delete(Scope s, String name) {
        docs.delete(s, Docs.CUSTOM_VERIFICATION, name);
    }
}
