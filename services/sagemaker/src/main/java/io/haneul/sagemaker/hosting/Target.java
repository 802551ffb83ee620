package io.haneul.sagemaker.hosting;

/**
 * What an invocation names besides the endpoint, each part may be null: the production variant ({@code TargetVariant}), the
 * model of a multi-model endpoint ({@code TargetModel}, a key relative to the model's S3 prefix) and the container of a
 * direct-invocation endpoint ({@code TargetContainerHostname}).
 */
record Target(String variant, String model, String containerHostname) {

    static final Target NONE = new Target(null, null, null);
}
