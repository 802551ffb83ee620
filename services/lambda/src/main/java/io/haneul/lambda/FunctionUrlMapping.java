package io.haneul.lambda;

import io.haneul.lambda.url.FunctionUrlConfig;
import io.haneul.lambda.url.UrlCors;
import io.haneul.lambda.url.UrlTimes;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig.Builder;

/** Function URLs between the SDK's shapes and {@link FunctionUrlConfig}. */
final class FunctionUrlMapping {

    private FunctionUrlMapping() {
    }

    static UrlCors cors(Cors c) {
        if (c == null) {
            return null;
        }
        return new UrlCors(c.allowCredentials(), c.hasAllowHeaders() ? c.allowHeaders() : null,
                c.hasAllowMethods() ? c.allowMethods() : null, c.hasAllowOrigins() ? c.allowOrigins() : null,
                c.hasExposeHeaders() ? c.exposeHeaders() : null, c.maxAge());
    }

    static Cors cors(UrlCors c) {
        if (c == null) {
            return null;
        }
        Cors.Builder b = Cors.builder().allowCredentials(c.allowCredentials()).maxAge(c.maxAge());
        if (c.allowHeaders() != null) {
            b.allowHeaders(c.allowHeaders());
        }
        if (c.allowMethods() != null) {
            b.allowMethods(c.allowMethods());
        }
        if (c.allowOrigins() != null) {
            b.allowOrigins(c.allowOrigins());
        }
        if (c.exposeHeaders() != null) {
            b.exposeHeaders(c.exposeHeaders());
        }
        return b.build();
    }

    static software.amazon.awssdk.services.lambda.model.FunctionUrlConfig listed(FunctionUrlConfig url, String functionUrl) {
        Builder b = software.amazon.awssdk.services.lambda.model.FunctionUrlConfig.builder()
                .functionUrl(functionUrl).functionArn(url.functionArn()).authType(url.authType())
                .creationTime(UrlTimes.api(url.createdMicros())).lastModifiedTime(UrlTimes.api(url.modifiedMicros()))
                .invokeMode(url.invokeMode());
        if (url.cors() != null) {
            b.cors(cors(url.cors()));
        }
        return b.build();
    }
}
