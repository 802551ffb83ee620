package io.haneul.apigateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * What an OpenAPI document becomes, as AWS wire documents, before anything is stored: the API's own
 * members, the methods of each resource path (integrations inside), and the items kept beside the
 * resources. Validators, authorizers and models already carry the ids the methods refer to.
 *
 * @param api                REST API members (name, description, version, binaryMediaTypes, apiKeySource,
 *                           minimumCompressionSize, policy, endpointConfiguration)
 * @param methods            resource path ({@code /pets/{petId}}) to its methods by HTTP method, in document order
 * @param models             Model documents (id, name, schema as text, contentType)
 * @param requestValidators  RequestValidator documents (id, name, validateRequestBody, validateRequestParameters)
 * @param authorizers        Authorizer documents
 * @param gatewayResponses   GatewayResponse documents
 * @param documentationParts DocumentationPart documents (properties as text), empty with {@code ignore=documentation}
 * @param documentationVersion the documentation version the document declares, or null
 * @param warnings           what was skipped, as ImportRestApi's {@code warnings}
 */
public record ImportPlan(ObjectNode api, Map<String, ObjectNode> methods, List<ObjectNode> models,
                         List<ObjectNode> requestValidators, List<ObjectNode> authorizers, List<ObjectNode> gatewayResponses,
                         List<ObjectNode> documentationParts, String documentationVersion, List<String> warnings) {
}
