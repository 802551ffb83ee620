package io.haneul.lambda.url;

import io.haneul.lambda.domain.LambdaException;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What CreateFunctionUrlConfig and UpdateFunctionUrlConfig accept beyond the API model's own
 * constraints (lengths, list sizes, MaxAge 0..86400, which the engine checks): the AuthType and
 * InvokeMode enums, and CORS values a browser could use at all (HTTP methods or {@code *}, origins
 * as {@code scheme://host[:port]} or {@code *}, header names as HTTP tokens or {@code *}).
 */
public final class FunctionUrlRules {

    private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS", "*");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-*]+(:\\d{1,5})?");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private FunctionUrlRules() {
    }

    public static void checkAuthType(String authType) {
        if (!FunctionUrlConfig.NONE.equals(authType) && !FunctionUrlConfig.AWS_IAM.equals(authType)) {
            throw enumViolation(authType, "authType", "[AWS_IAM, NONE]");
        }
    }

    /** The invoke mode to store: the given one, BUFFERED when none was given. */
    public static String invokeMode(String given, String current) {
        if (given == null) {
            return current;
        }
        if (!given.equals("BUFFERED") && !given.equals("RESPONSE_STREAM")) {
            throw enumViolation(given, "invokeMode", "[BUFFERED, RESPONSE_STREAM]");
        }
        return given;
    }

    public static void checkCors(UrlCors cors) {
        if (cors == null) {
            return;
        }
        each(cors.allowMethods(), m -> METHODS.contains(m.toUpperCase(java.util.Locale.ROOT)), "AllowMethods");
        each(cors.allowOrigins(), o -> o.equals("*") || ORIGIN.matcher(o).matches(), "AllowOrigins");
        each(cors.allowHeaders(), h -> TOKEN.matcher(h).matches(), "AllowHeaders");
        each(cors.exposeHeaders(), h -> TOKEN.matcher(h).matches(), "ExposeHeaders");
    }

    private static void each(List<String> values, java.util.function.Predicate<String> valid, String member) {
        if (values == null) {
            return;
        }
        for (String v : values) {
            if (!valid.test(v)) {
                throw LambdaException.invalidParameter("Invalid CORS configuration: " + member + " value '" + v + "' is not valid.");
            }
        }
    }

    private static LambdaException enumViolation(String value, String member, String set) {
        return new LambdaException("ValidationException", 400, "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + set);
    }
}
