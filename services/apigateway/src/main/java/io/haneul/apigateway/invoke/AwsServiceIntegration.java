package io.haneul.apigateway.invoke;

import io.haneul.core.spi.AwsApiCall;
import io.haneul.core.wire.Headers;
import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code AWS} (non-proxy) integrations: the method request is mapped as for {@code HTTP} (request
 * template or passthrough, {@code requestParameters} for the path, query string and headers such as
 * {@code Content-Type} or {@code X-Amz-Target}) into a request to the service the URI names, which
 * Haneul answers in-process ({@link AwsApiCall}) acting as the API's account; a {@code credentials}
 * role of another account answers 500 (it cannot be assumed here). The action form adds {@code Action={name}} to the query
 * string; the path form sends to {@code /{path}}. The service's answer goes through the integration
 * responses, selected by its status code. Lambda's invocation path is handed to {@link LambdaIntegration}.
 */
public final class AwsServiceIntegration implements InvokeEndpoint.Integration {

    private final Templates templates;
    private final Supplier<Optional<AwsApiCall>> services;
    private final LambdaIntegration lambda;
    private final Supplier<String> serverHost;

    /** @param serverHost Haneul's own host and port, what the service sees as the Host it was reached on (queue URLs) */
    public AwsServiceIntegration(Templates templates, Supplier<Optional<AwsApiCall>> services, LambdaIntegration lambda,
                                 Supplier<String> serverHost) {
        this.templates = templates;
        this.services = services;
        this.lambda = lambda;
        this.serverHost = serverHost;
    }

    @Override
    public WireResponse invoke(InvokeRequest r, Headers headers) {
        String uriText = StageVariables.substitute(r.integration().path("uri").asText(""), r.stageVariables());
        Optional<AwsServiceUri> parsed = AwsServiceUri.parse(uriText);
        if (parsed.isEmpty()) {
            throw GatewayFailures.configurationError();
        }
        AwsServiceUri uri = parsed.get();
        if (uri.service().equals("lambda") && !uri.action()) {
            return lambda.invoke(r, headers);
        }
        Optional<AwsApiCall> caller = services.get();
        if (caller.isEmpty()) {
            throw GatewayFailures.configurationError();
        }
        RequestMapping.Mapped mapped;
        try {
            mapped = RequestMapping.map(templates, r);
        } catch (Templates.TemplateException e) {
            throw GatewayFailures.configurationError();
        }
        if (mapped == null) {
            throw GatewayFailures.unsupportedMediaType();
        }
        IntegrationParameters params = IntegrationParameters.of(r);
        String path;
        String query = params.queryString();
        if (uri.action()) {
            path = "/";
            String action = "Action=" + IntegrationParameters.encode(uri.rest());
            query = query.isEmpty() ? action : action + "&" + query;
        } else {
            path = "/" + params.expandPath(uri.rest());
            if (uri.subdomain() != null && uri.service().equals("s3")) {
                path = "/" + uri.subdomain() + path; // {bucket}.s3: the bucket's virtual host, sent path-style
            }
        }
        Headers out = new Headers();
        out.set("Host", serverHost.get());
        params.header().forEach(out::set);
        if (params.header("Content-Type") == null && mapped.contentType() != null) {
            out.set("Content-Type", mapped.contentType());
        }
        String method = r.integration().path("httpMethod").asText("POST");
        if (method.equals("ANY")) {
            method = r.httpMethod();
        }
        byte[] body = mapped.bytes();
        out.set("Content-Length", String.valueOf(body.length));
        String role = r.integration().path("credentials").asText(null);
        if (!accountOf(role, r.account()).equals(r.account())) {
            // acting in another account would let an API's owner reach that account's resources: Haneul
            // has no cross-account role assumption for integrations, so such a role cannot be assumed
            throw GatewayFailures.configurationError();
        }
        WireResponse answer = caller.get().call(new AwsApiCall.Call(uri.service().toLowerCase(Locale.ROOT), uri.region(),
                r.account(), role, new WireRequest(method, path, query, out, body, r.sourceIp())));
        byte[] answered = bodyOf(answer);
        return IntegrationResponses.respond(templates, r, new IntegrationResponses.Backend(answer.status(), answer.headers(),
                new String(answered, StandardCharsets.UTF_8), answered), headers);
    }

    /** The answer's body, read from its stream when the service streams it (S3 objects). */
    private static byte[] bodyOf(WireResponse answer) {
        if (answer.streamed() == null) {
            return answer.body();
        }
        try (java.io.InputStream in = answer.streamed().in()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The account of a role ARN ({@code arn:aws:iam::{account}:role/x}), else the API's. */
    static String accountOf(String roleArn, String fallback) {
        if (roleArn == null) {
            return fallback;
        }
        String[] parts = roleArn.split(":");
        return parts.length >= 6 && parts[4].matches("\\d{12}") ? parts[4] : fallback;
    }
}
