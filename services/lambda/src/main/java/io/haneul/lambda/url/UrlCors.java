package io.haneul.lambda.url;

import java.util.List;

/**
 * A function URL's CORS settings as the caller gave them (Cors in the API): which origins,
 * methods and headers a browser may use, what it may read of the answer, whether it may send
 * credentials, and how long it may cache a preflight answer. Absent members are null.
 */
public record UrlCors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                      List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {

    public UrlCors {
        allowHeaders = copy(allowHeaders);
        allowMethods = copy(allowMethods);
        allowOrigins = copy(allowOrigins);
        exposeHeaders = copy(exposeHeaders);
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }
}
