package io.haneul.apigateway.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $input} in mapping templates: the payload ({@code body}), JSONPath over it as JSON text
 * ({@code json}) or as an object ({@code path}), and the method request's parameters
 * ({@code params()} by location; {@code params(name)} looks in the path, then the query string,
 * then the headers).
 */
public final class TemplateInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(JSON)).mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.SUPPRESS_EXCEPTIONS).build();

    private final String body;
    private final Map<String, Map<String, String>> params;

    /**
     * @param path        path parameters
     * @param querystring query parameters (the last value of each)
     * @param header      headers (the last value of each)
     */
    public TemplateInput(String body, Map<String, String> path, Map<String, String> querystring, Map<String, String> header) {
        this.body = body == null ? "" : body;
        this.params = new LinkedHashMap<>();
        params.put("path", path);
        params.put("querystring", querystring);
        params.put("header", header);
    }

    public String getBody() {
        return body;
    }

    /** The value at a JSONPath as JSON text ({@code null} when absent). */
    public String json(String path) {
        Object value = read(path);
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            return "null";
        }
    }

    /** The value at a JSONPath as an object templates can walk (maps, lists, strings, numbers). */
    public Object path(String path) {
        Object value = read(path);
        return value == null ? "" : value;
    }

    public Map<String, Map<String, String>> params() {
        return params;
    }

    public String params(String name) {
        for (String where : List.of("path", "querystring", "header")) {
            Map<String, String> values = params.get(where);
            if (where.equals("header")) {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name)) {
                        return e.getValue();
                    }
                }
            } else if (values.containsKey(name)) {
                return values.get(name);
            }
        }
        return "";
    }

    private Object read(String path) {
        if (body.isBlank()) {
            return null;
        }
        try {
            Object document = JSONPATH.jsonProvider().parse(body);
            return JsonPath.using(JSONPATH).parse(document).read(path);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
