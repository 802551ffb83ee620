package io.haneul.apigateway.invoke;

/**
 * Reads the parts of an invoke URL: the API id of an execute-api host, and the API, stage and rest
 * of the path forms. Every request to Haneul's host with a dotted name is asked about (the plane's
 * {@code accepts}, then its {@code handle}), so this is plain character work, not regular
 * expressions.
 */
final class InvokeUrls {

    private static final String EXECUTE_API = ".execute-api.";
    private static final String AWS_PATH = "/_aws/execute-api/";
    private static final String RESTAPIS = "/restapis/";
    private static final String USER_REQUEST = "/_user_request_";
    private static final int ID_LENGTH = 10;

    /**
     * Where a path form sends a request.
     *
     * @param apiId the API's id, or null for the host form's path (only a stage and a rest)
     * @param rest  what follows the stage, from its {@code /}; null when the path ends at the stage
     */
    record Target(String apiId, String stage, String rest) {
    }

    private InvokeUrls() {
    }

    /** The API id of {@code {apiId}.execute-api.{anything}}, the id being 10 lower-case letters or digits; else null. */
    static String apiIdOfHost(String host) {
        if (host == null || host.length() <= ID_LENGTH + EXECUTE_API.length() || !host.startsWith(EXECUTE_API, ID_LENGTH)) {
            return null;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        return lineBreakFree(host, ID_LENGTH + EXECUTE_API.length()) ? host.substring(0, ID_LENGTH) : null;
    }

    /** {@code /{stage}[/rest]} on an execute-api host; null when the path has no stage. */
    static Target hostPath(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return null;
        }
        int end = segmentEnd(rawPath, 1);
        if (end == 1) {
            return null;
        }
        String rest = restFrom(rawPath, end);
        return rest == null && end < rawPath.length() ? null : new Target(null, rawPath.substring(1, end), rest);
    }

    /** {@code /_aws/execute-api/{apiId}/{stage}[/rest]}, else null. */
    static Target awsPath(String rawPath) {
        return apiStageRest(rawPath, AWS_PATH, "");
    }

    /** LocalStack's {@code /restapis/{apiId}/{stage}/_user_request_[/rest]}, else null. */
    static Target userRequestPath(String rawPath) {
        return apiStageRest(rawPath, RESTAPIS, USER_REQUEST);
    }

    /** {@code {prefix}{apiId}/{stage}{afterStage}[/rest]}, else null. */
    private static Target apiStageRest(String rawPath, String prefix, String afterStage) {
        if (!rawPath.startsWith(prefix)) {
            return null;
        }
        int apiEnd = segmentEnd(rawPath, prefix.length());
        if (apiEnd == prefix.length() || apiEnd >= rawPath.length()) {
            return null;
        }
        int stageEnd = segmentEnd(rawPath, apiEnd + 1);
        if (stageEnd == apiEnd + 1 || !rawPath.startsWith(afterStage, stageEnd)) {
            return null;
        }
        int after = stageEnd + afterStage.length();
        String rest = restFrom(rawPath, after);
        if (rest == null && after < rawPath.length()) {
            return null;
        }
        return new Target(rawPath.substring(prefix.length(), apiEnd), rawPath.substring(apiEnd + 1, stageEnd), rest);
    }

    /** The index of the next {@code /} from {@code from}, or the path's length. */
    private static int segmentEnd(String path, int from) {
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.length() : slash;
    }

    /** The rest from {@code at} ({@code /...}, without line breaks), or null when nothing or something else is there. */
    private static String restFrom(String path, int at) {
        if (at >= path.length() || path.charAt(at) != '/' || !lineBreakFree(path, at)) {
            return null;
        }
        return path.substring(at);
    }

    /** What a regular expression's {@code .} takes: anything but line terminators. */
    private static boolean lineBreakFree(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
