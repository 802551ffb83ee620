package io.haneul.core.spi;

import io.haneul.core.wire.WireRequest;
import io.haneul.core.wire.WireResponse;

/**
 * Calls one of Haneul's own AWS APIs in-process, as the wire request a client would send, for a
 * service whose feature is "send this AWS request for me" (API Gateway's {@code AWS} integrations:
 * SQS SendMessage, S3 PutObject, SNS Publish...). The server resolves the service the way it
 * resolves a signed request (by signing name, target, path) and runs it through the same protocol
 * engine; no signature is checked, the call acts as the named account. Implemented by the server,
 * looked up with {@link ServiceEnvironment#find}.
 */
public interface AwsApiCall {

    /**
     * One call.
     *
     * @param service  the service's signing name as an ARN spells it ({@code sqs}, {@code s3}, {@code sns}, {@code email}, {@code swf})
     * @param region   the region the call is made in
     * @param account  the account the call acts as
     * @param roleArn  the role the caller assumed for it (API Gateway's integration credentials), or null
     * @param request  the request as sent to the service's endpoint (path, query, headers, body)
     */
    record Call(String service, String region, String account, String roleArn, WireRequest request) {
    }

    /** The service's answer, errors included (in the service's own envelope); never throws for an AWS error. */
    WireResponse call(Call call);
}
