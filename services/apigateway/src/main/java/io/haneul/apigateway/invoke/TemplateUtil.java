package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code $util} in mapping templates. {@code escapeJavaScript} quotes as API Gateway's does (the
 * Commons Lang JavaScript escaper: {@code '} becomes {@code \'}, {@code /} becomes {@code \/},
 * non-ASCII becomes {@code \}{@code uXXXX}), which is why templates that embed it in JSON strings
 * often replace {@code \'} back.
 */
public final class TemplateUtil {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("deprecation")
    public String escapeJavaScript(Object s) {
        return s == null ? "" : org.apache.commons.lang3.StringEscapeUtils.escapeEcmaScript(String.valueOf(s));
    }

    /** A JSON string as an object templates can walk (maps, lists, strings, numbers). */
    public Object parseJson(String s) {
        try {
            return JSON.readValue(s, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid JSON in $util.parseJson: " + e.getMessage());
        }
    }

    public String urlEncode(Object s) {
        return s == null ? "" : URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8);
    }

    public String urlDecode(Object s) {
        return s == null ? "" : URLDecoder.decode(String.valueOf(s), StandardCharsets.UTF_8);
    }

    public String base64Encode(Object s) {
        return s == null ? "" : Base64.getEncoder().encodeToString(String.valueOf(s).getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(Object s) {
        return s == null ? "" : new String(Base64.getDecoder().decode(String.valueOf(s)), StandardCharsets.UTF_8);
    }
}
