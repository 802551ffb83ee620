package io.haneul.apigateway.invoke;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Mapping templates as API Gateway's developer guide documents their output: {@code $input},
 * {@code $util}, {@code $context}, {@code $stageVariables}, Velocity directives and API Gateway's limits.
 * Each row: the template, then what it renders for the body below with path parameter {@code id=7},
 * query {@code id=q, name=Ann}, header {@code X-Id: h}, stage {@code dev}, stage variable {@code color=red}.
 */
class TemplatesTest {

    static final String BODY = "{\"pets\":[{\"id\":1,\"type\":\"dog\"},{\"id\":2,\"type\":\"cat\"}],\"name\":\"Rex\",\"q\":\"a'b\"}";
    final Templates templates = new Templates();

    String render(String template, String body) {
        Map<String, Object> context = new HashMap<>();
        context.put("stage", "dev");
        context.put("requestId", "r-1");
        context.put("identity", Map.of("sourceIp", "10.0.0.1"));
        TemplateInput input = new TemplateInput(body, Map.of("id", "7"), Map.of("id", "q", "name", "Ann"), Map.of("X-Id", "h"));
        return templates.render(template, new Templates.Variables(input, context, Map.of("color", "red")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "$input.body                                              | " + "`" + BODY + "`",
            "$input.json('$.name')                                    | \"Rex\"",
            "$input.json('$.pets[0]')                                 | `{\"id\":1,\"type\":\"dog\"}`",
            "$input.json('$.missing')                                 | null",
            "$input.path('$.name')                                    | Rex",
            "$input.path('$.pets').size()                             | 2",
            "$input.path('$.pets[1].type')                            | cat",
            "`#foreach($p in $input.path('$.pets'))$p.id#if($foreach.hasNext),#end#end` | `1,2`",
            "$input.params('id')                                      | 7",
            "$input.params('name')                                    | Ann",
            "$input.params('x-id')                                    | h",
            "$input.params('nothing')                                 | ``",
            "$input.params().querystring.get('name')                  | Ann",
            "$input.params().header.get('X-Id')                       | h",
            "$input.params().path.id                                  | 7",
            "$util.escapeJavaScript($input.path('$.q'))               | a\\'b",
            "$util.escapeJavaScript('say \"hi\"/bye')                 | `say \\\"hi\\\"\\/bye`",
            "$util.urlEncode('a b&c=d')                               | a+b%26c%3Dd",
            "$util.urlDecode('a+b%26c')                               | a b&c",
            "$util.base64Encode('hello')                              | aGVsbG8=",
            "$util.base64Decode('aGVsbG8=')                           | hello",
            "$util.parseJson('{\"a\":{\"b\":5}}').a.b                 | 5",
            "$context.stage/$context.requestId/$context.identity.sourceIp | dev/r-1/10.0.0.1",
            "$stageVariables.color                                    | red",
            "`#set($n = $input.path('$.pets').size() + 1)$n`          | 3",
    })
    void rendersAsApiGatewayDocuments(String template, String expected) {
        assertEquals(expected.strip(), render(template.strip(), BODY));
    }

    @Test
    void statusCodeTemplateOfAMockIntegration() {
        assertEquals("{\"statusCode\": 200}", render("{\"statusCode\": 200}", ""));
        assertEquals("{\"statusCode\": 404}", render("#set($b = $util.parseJson($input.body)){\"statusCode\": $b.code}", "{\"code\":404}"));
    }

    @Test
    void foreachStopsAfterOneThousandIterations() {
        assertEquals(1000, render("#foreach($i in [1..5000])x#end", "").length());
    }

    @Test
    void directiveLinesLeaveNoBlankLines() {
        assertEquals("{\n  \"a\": 1\n}\n", render("#set($a = 1)\n{\n  \"a\": $a\n}\n", ""));
    }

    @Test
    void responseOverrideIsWritable() {
        Map<String, Object> context = new HashMap<>();
        Map<String, Object> override = new HashMap<>();
        override.put("header", new HashMap<String, Object>());
        context.put("responseOverride", override);
        templates.render("#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-Tea = 'yes')",
                new Templates.Variables(new TemplateInput("", Map.of(), Map.of(), Map.of()), context, Map.of()));
        assertEquals(418, override.get("status"));
        assertEquals("yes", ((Map<?, ?>) override.get("header")).get("X-Tea"));
    }

    @Test
    void oversizedAndBrokenTemplatesAreRefused() {
        assertThrows(Templates.TemplateException.class, () -> render("x".repeat(Templates.MAX_TEMPLATE_CHARS + 1), ""));
        assertThrows(Templates.TemplateException.class, () -> render("#foreach(", ""));
    }
}
