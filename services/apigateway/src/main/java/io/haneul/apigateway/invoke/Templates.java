package io.haneul.apigateway.invoke;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;

/**
 * API Gateway's mapping templates, run by Apache Velocity with API Gateway's variables
 * ({@code $input}, {@code $util}, {@code $context}, {@code $stageVariables}). Configured as API
 * Gateway's Velocity behaves: whitespace handled as Velocity 1.7 did ({@code space.gobbling=bc}),
 * {@code #foreach} stopped after 1,000 iterations, and nothing a template says can reach files or
 * reflection (no file resource loader, the secure introspector).
 */
public final class Templates {

    /** API Gateway's limit on a template's size. */
    public static final int MAX_TEMPLATE_CHARS = 300 * 1024;

    private final VelocityEngine engine;

    public Templates() {
        Properties p = new Properties();
        p.setProperty("parser.space_gobbling", "bc");
        p.setProperty("directive.foreach.max_loops", "1000");
        p.setProperty("parser.allow_hyphen_in_identifiers", "true"); // Velocity 1.7 names, e.g. header.X-Tea
        p.setProperty("runtime.log.log_invalid_references", "false");
        p.setProperty("resource.loaders", "string");
        p.setProperty("resource.loader.string.class", "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        p.setProperty("introspector.uberspect.class", "org.apache.velocity.util.introspection.SecureUberspector");
        engine = new VelocityEngine(p);
        engine.init();
    }

    /** A template's variables. */
    public record Variables(TemplateInput input, Map<String, Object> context, Map<String, String> stageVariables) {
    }

    /**
     * Renders {@code template}.
     *
     * @throws TemplateException when the template is too large or does not parse or run
     */
    public String render(String template, Variables variables) {
        if (template.length() > MAX_TEMPLATE_CHARS) {
            throw new TemplateException("Mapping template exceeds the maximum size of 300 KB");
        }
        VelocityContext ctx = new VelocityContext();
        ctx.put("input", variables.input());
        ctx.put("util", new TemplateUtil());
        ctx.put("context", variables.context());
        ctx.put("stageVariables", variables.stageVariables());
        StringWriter out = new StringWriter();
        try {
            engine.evaluate(ctx, out, "template", template);
        } catch (VelocityException | IllegalArgumentException e) {
            throw new TemplateException(e.getMessage());
        }
        return out.toString();
    }

    /** A template that cannot be rendered (API Gateway answers 500). */
    public static final class TemplateException extends RuntimeException {
        public TemplateException(String message) {
            super(message, null, false, false);
        }
    }
}
