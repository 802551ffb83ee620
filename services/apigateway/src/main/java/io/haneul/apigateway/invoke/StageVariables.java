package io.haneul.apigateway.invoke;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${stageVariables.name}} in integration URIs, replaced by the stage's value (empty when unset). */
public final class StageVariables {

    private static final Pattern REF = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private StageVariables() {
    }

    public static String substitute(String text, Map<String, String> variables) {
        if (!text.contains("${stageVariables.")) {
            return text; // most URIs name none: no matcher, no copy
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
