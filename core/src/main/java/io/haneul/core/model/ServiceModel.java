package io.haneul.core.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS API model (botocore's service-2.json format) read into the facts the protocol engine needs:
 * protocol metadata, operations with their HTTP bindings, error shapes, and the raw shapes for
 * validation (required members, min/max, pattern, enum).
 *
 * <p>The models ship inside this module ({@code /aws-models}) pinned to the SDK version, so the
 * server never needs the network or the source tree to know an API.
 *
 * @param id         file stem of the model, e.g. {@code sqs}, {@code sesv2}, {@code sagemaker-runtime}
 * @param serviceId  the model's serviceId, e.g. {@code SQS}, {@code SESv2}
 * @param protocols  protocols in the model's order of preference, e.g. {@code [json]}, {@code [smithy-rpc-v2-cbor, json]}
 */
public record ServiceModel(String id, String serviceId, String apiVersion, List<String> protocols,
                           String jsonVersion, String targetPrefix, String signingName,
                           String endpointPrefix, String xmlNamespace, boolean awsQueryCompatible,
                           Map<String, OperationModel> operations, Map<String, ErrorShape> errors,
                           Map<String, JsonNode> shapes) {

    /** The SDK for Java v2 package that holds this service's model classes. */
    public String sdkModelPackage() {
        return "software.amazon.awssdk.services." + sdkPackageName() + ".model";
    }

    /** SDK v2's package name: the serviceId lowercased without spaces or hyphens. */
    public String sdkPackageName() {
        return serviceId.toLowerCase().replace(" ", "").replace("-", "");
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Optional<ErrorShape> error(String shapeName) {
        return Optional.ofNullable(errors.get(shapeName));
    }

    /** The protocol the server answers a request in when the client did not tell it otherwise. */
    public String primaryProtocol() {
        return protocols.getFirst();
    }
}
