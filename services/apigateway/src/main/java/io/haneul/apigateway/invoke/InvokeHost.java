package io.haneul.apigateway.invoke;

/** What the invoke data plane needs of the running API Gateway provider. */
public interface InvokeHost {

    InvokeEndpoint invokeEndpoint();
}
