package io.haneul.ses.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SES's template language: Handlebars ({@code {{a.b}}}, {@code #if}/{@code #each}, inline
 * partials) without HTML escaping. A variable missing from the data fails the render with the
 * attribute's name, as SES does (a {@link MissingAttribute}); compiled templates are cached by source.
 */
public final class TemplateRenderer {

    private static final int CACHE_LIMIT = 2_000;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Handlebars handlebars;
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    /** Handlebars is made on first use: loading it costs startup time that most runs never need. */
    private Handlebars handlebars() {
        Handlebars h = handlebars;
        if (h == null) {
            synchronized (this) {
                if (handlebars == null) {
                    handlebars = create();
                }
                h = handlebars;
            }
        }
        return h;
    }

    private static Handlebars create() {
        Handlebars handlebars = new Handlebars().with(EscapingStrategy.NOOP);
        handlebars.registerHelperMissing((Helper<Object>) (context, options) -> {
            if (options.tagType == com.github.jknack.handlebars.TagType.VAR
                    || options.tagType == com.github.jknack.handlebars.TagType.TRIPLE_VAR) {
                throw new MissingAttribute(options.helperName);
            }
            return options.tagType.inline() ? "" : options.inverse();
        });
        return handlebars;
    }

    /** A variable the data lacks. */
    public static final class MissingAttribute extends RuntimeException {
        private final String attribute;

        MissingAttribute(String attribute) {
            super("Attribute '" + attribute + "' is not present in the rendering data.", null, false, false);
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    /** A template's parts after rendering; null parts stay null. */
    public record Rendered(String subject, String text, String html) {
    }

    /** Parses template data: a JSON object (or empty). */
    public Map<String, Object> data(String templateData) {
        if (templateData == null || templateData.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = json.readTree(templateData);
            if (node == null || !node.isObject()) {
                throw SesException.invalid("Template data must be a JSON object.");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.convertValue(node, Map.class);
            return m;
        } catch (IOException e) {
            throw new SesException("InvalidRenderingParameterException", "BadRequestException",
                    "Invalid Rendering Parameters: " + e.getMessage());
        }
    }

    /** Checks that a template's parts compile; the failure names the part. */
    public void check(EmailTemplate t) {
        for (String part : new String[]{t.subject, t.text, t.html}) {
            if (part != null) {
                compile(part);
            }
        }
    }

    /**
     * @throws MissingAttribute when the data lacks a variable
     * @throws SesException     (InvalidTemplate) when a part does not compile or fails to render
     */
    public Rendered render(EmailTemplate t, Map<String, Object> data) {
        return new Rendered(apply(t.subject, data), apply(t.text, data), apply(t.html, data));
    }

    public String apply(String source, Map<String, Object> data) {
        if (source == null) {
            return null;
        }
        Template template = compile(source);
        Context context = Context.newBuilder(data).resolver(MapValueResolver.INSTANCE).build();
        try {
            return template.apply(context);
        } catch (MissingAttribute e) {
            throw e;
        } catch (HandlebarsException e) {
            if (e.getCause() instanceof MissingAttribute m) {
                throw m;
            }
            throw new SesException("InvalidTemplateException", "BadRequestException", "Template rendering failed: " + e.getMessage());
        } catch (IOException e) {
            throw new SesException("InvalidTemplateException", "BadRequestException", "Template rendering failed: " + e.getMessage());
        } finally {
            context.destroy();
        }
    }

    private Template compile(String source) {
        Template t = cache.get(source);
        if (t != null) {
            return t;
        }
        try {
            t = handlebars().compileInline(source);
        } catch (IOException | HandlebarsException e) {
            throw new SesException("InvalidTemplateException", "BadRequestException",
                    "Invalid template: " + e.getMessage());
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(source, t);
        return t;
    }
}
