package io.haneul.core.model;

import java.util.List;

/**
 * One operation as the AWS API model describes it: the wire name, the HTTP binding used by REST
 * protocols, the input/output shapes and the error shapes it may answer with.
 *
 * @param name           wire name, e.g. {@code SendMessage} or {@code GetSMSAttributes}
 * @param httpMethod     HTTP method of the REST binding ({@code POST} for RPC protocols)
 * @param requestUri     URI template of the REST binding, e.g. {@code /2015-03-31/functions/{FunctionName}}
 * @param successCode    HTTP status of a successful answer (200 unless the model says otherwise)
 * @param inputShape     name of the input structure, or null when the operation takes none
 * @param outputShape    name of the output structure, or null
 * @param resultWrapper  query protocol: the XML element that wraps the result, e.g. {@code SendMessageResult}
 * @param errors         names of the error shapes the operation may answer with
 */
public record OperationModel(String name, String httpMethod, String requestUri, int successCode,
                             String inputShape, String outputShape, String resultWrapper,
                             List<String> errors) {
}
