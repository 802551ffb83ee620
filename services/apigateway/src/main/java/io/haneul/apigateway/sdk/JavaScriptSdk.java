package io.haneul.apigateway.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GetSdk {@code javascript}: a zip ({@code apiGateway-js-sdk/}) with {@code apigClient.js}, a
 * client with one function per deployed method named as AWS names them (the path's parts in camel
 * case, then the method: {@code /pets/{petId}} GET is {@code petsPetIdGet}, the root's
 * {@code rootGet}), each taking {@code (params, body, additionalParams)} as AWS's generated client
 * does: path, query string and header parameters the method declares by name in {@code params},
 * extra {@code headers} and {@code queryParams} in {@code additionalParams}. Unlike AWS's (which
 * bundles axios, CryptoJS and a SigV4 signer), it has no dependencies: it calls the stage with
 * {@code fetch} (browsers, Node 18+) and does not sign requests; an {@code apiKey} in the config is
 * sent as {@code x-api-key}.
 */
public final class JavaScriptSdk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaScriptSdk() {
    }

    /** One method of the client. */
    record Operation(String name, String httpMethod, String path, List<String> pathParams, List<String> queryParams,
                     List<String> headerParams) {
    }

    /**
     * @param resources the deployment's frozen resources (each with its {@code path})
     * @param invokeUrl the stage's invoke URL the client calls by default
     */
    public static byte[] zip(String apiName, ArrayNode resources, String invokeUrl) {
        List<Operation> ops = operations(resources);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            add(zip, "apiGateway-js-sdk/apigClient.js", client(ops, invokeUrl));
            add(zip, "apiGateway-js-sdk/README.md", readme(apiName, ops));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Operation> operations(ArrayNode resources) {
        List<Operation> out = new ArrayList<>();
        for (JsonNode resource : resources) {
            String path = resource.path("path").asText("/");
            Iterator<Map.Entry<String, JsonNode>> methods = resource.path("resourceMethods").fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (m.getKey().equals("OPTIONS")) {
                    continue; // AWS's generated clients leave out CORS preflight methods
                }
                List<String> pathParams = new ArrayList<>();
                for (String part : path.split("/")) {
                    if (part.startsWith("{") && part.endsWith("}")) {
                        pathParams.add(part.substring(1, part.length() - 1).replace("+", ""));
                    }
                }
                List<String> query = new ArrayList<>();
                List<String> headers = new ArrayList<>();
                m.getValue().path("requestParameters").fieldNames().forEachRemaining(p -> {
                    if (p.startsWith("method.request.querystring.")) {
                        query.add(p.substring(27));
                    } else if (p.startsWith("method.request.header.")) {
                        headers.add(p.substring(22));
                    }
                });
                out.add(new Operation(name(path, m.getKey()), m.getKey(), path, pathParams, query, headers));
            }
        }
        out.sort(java.util.Comparator.comparing(Operation::name));
        return out;
    }

    /** AWS's function name: each path part in camel case ({@code root} for {@code /}), then the method. */
    static String name(String path, String method) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            for (String word : part.replaceAll("[{}+]", "").split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    out.append(out.isEmpty() ? Character.toLowerCase(word.charAt(0)) : Character.toUpperCase(word.charAt(0)))
                            .append(word.substring(1));
                }
            }
        }
        if (out.isEmpty()) {
            out.append("root");
        }
        String m = method.equals("ANY") ? "any" : method.toLowerCase(Locale.ROOT);
        return out.toString() + Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    private static String client(List<Operation> ops, String invokeUrl) throws IOException {
        ObjectNode table = JsonNodeFactory.instance.objectNode();
        for (Operation op : ops) {
            ObjectNode o = table.putObject(op.name());
            o.put("method", op.httpMethod());
            o.put("path", op.path());
            op.pathParams().forEach(o.putArray("pathParams")::add);
            op.queryParams().forEach(o.putArray("queryParams")::add);
            op.headerParams().forEach(o.putArray("headerParams")::add);
        }
        return """
                /*
                 * A client for a REST API deployed on Haneul, generated by GetSdk (sdkType javascript).
                 * Usage: var apigClient = apigClientFactory.newClient({apiKey: '...'});
                 *        apigClient.petsGet(params, body, additionalParams).then(function (result) { ... });
                 * result is {status, headers, data} (data parsed as JSON when the answer is JSON).
                 */
                var apigClientFactory = {};
                apigClientFactory.newClient = function (config) {
                    config = config || {};
                    var invokeUrl = (config.invokeUrl || %s).replace(/\\/$/, '');
                    var operations = %s;
                    var apigClient = {};
                    Object.keys(operations).forEach(function (name) {
                        var op = operations[name];
                        apigClient[name] = function (params, body, additionalParams) {
                            params = params || {};
                            additionalParams = additionalParams || {};
                            var path = op.path.replace(/\\{([^}+]+)\\+?\\}/g, function (all, key) {
                                if (params[key] === undefined) {
                                    throw new Error('Missing required parameter: ' + key);
                                }
                                return op.path.indexOf('{' + key + '+}') >= 0 ? String(params[key]).split('/').map(encodeURIComponent).join('/')
                                    : encodeURIComponent(params[key]);
                            });
                            var query = new URLSearchParams();
                            (op.queryParams || []).forEach(function (q) { if (params[q] !== undefined) { query.append(q, params[q]); } });
                            var extra = additionalParams.queryParams || {};
                            Object.keys(extra).forEach(function (q) { query.append(q, extra[q]); });
                            var headers = Object.assign({}, config.defaultHeaders || {});
                            (op.headerParams || []).forEach(function (h) { if (params[h] !== undefined) { headers[h] = params[h]; } });
                            Object.assign(headers, additionalParams.headers || {});
                            if (config.apiKey) { headers['x-api-key'] = config.apiKey; }
                            var init = {method: op.method === 'ANY' ? (additionalParams.method || 'GET') : op.method, headers: headers};
                            if (body !== undefined && body !== null && init.method !== 'GET' && init.method !== 'HEAD') {
                                if (!headers['Content-Type'] && !headers['content-type']) {
                                    headers['Content-Type'] = config.defaultContentType || 'application/json';
                                }
                                init.body = typeof body === 'string' ? body : JSON.stringify(body);
                            }
                            var qs = query.toString();
                            return fetch(invokeUrl + (path === '/' ? '/' : path) + (qs ? '?' + qs : ''), init).then(function (response) {
                                var type = response.headers.get('content-type') || '';
                                return response.text().then(function (text) {
                                    var data = text;
                                    if (type.indexOf('json') >= 0) { try { data = JSON.parse(text); } catch (e) { data = text; } }
                                    var result = {status: response.status, headers: Object.fromEntries(response.headers.entries()), data: data};
                                    return response.ok ? result : Promise.reject(result);
                                });
                            });
                        };
                    });
                    return apigClient;
                };
                if (typeof module !== 'undefined' && module.exports) {
                    module.exports = apigClientFactory;
                }
                """.formatted(JSON.writeValueAsString(invokeUrl), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(table));
    }

    private static String readme(String apiName, List<Operation> ops) {
        StringBuilder out = new StringBuilder("# JavaScript SDK for " + apiName + "\n\n"
                + "Load `apigClient.js` (a script tag, or `require('./apigClient.js')` in Node 18+), then\n"
                + "`var apigClient = apigClientFactory.newClient({apiKey: 'optional'});`.\n\n| Function | Method | Path |\n|---|---|---|\n");
        for (Operation op : ops) {
            out.append("| `").append(op.name()).append("(params, body, additionalParams)` | ").append(op.httpMethod()).append(" | `")
                    .append(op.path()).append("` |\n");
        }
        return out.toString();
    }

    private static void add(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
