package io.haneul.apigateway.invoke;

/** What the invoke data plane needs of the running API Gateway provider. */
public interface InvokeHost {

    InvokeEndpoint invokeEndpoint();

    /** Where a custom domain name's base path mappings send a request, if anywhere. */
    default java.util.Optional<io.haneul.apigateway.domain.DomainRouting.Target> domainRoute(String host, String rawPath) {
        return java.util.Optional.empty();
    }
}
