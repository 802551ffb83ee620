package io.haneul.lambda.url;

/** What the function URL data plane needs of the running Lambda provider. */
public interface FunctionUrlHost {

    FunctionUrlEndpoint functionUrls();
}
