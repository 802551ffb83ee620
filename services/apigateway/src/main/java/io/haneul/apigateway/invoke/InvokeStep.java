package io.haneul.apigateway.invoke;

/**
 * One check or enrichment between a matched route and the integration, in API Gateway's order:
 * authorization (IAM, Lambda authorizers), API key and usage plan, request validation. A step either
 * answers the request to hand on (e.g. with the caller an authorizer found) or throws
 * {@link GatewayFailure}.
 */
@FunctionalInterface
public interface InvokeStep {

    InvokeRequest apply(InvokeRequest request);
}
