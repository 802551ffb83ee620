package io.haneul.apigateway.v2.invoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haneul.core.auth.AuthException;
import io.haneul.core.dataplane.DataPlaneCall;

/**
 * Route authorization {@code AWS_IAM} on HTTP APIs: the request must be SigV4-signed for service
 * {@code execute-api} with the credentials of a Haneul account, verified by the data plane's
 * authenticator (strict mode checks the signature; permissive mode, as for API calls, takes the
 * access key's account). An unsigned request is AWS's {@code 403 {"message":"Forbidden"}}; a bad
 * signature is 403 with the verifier's message. The caller reaches the 2.0 event as
 * {@code requestContext.authorizer.iam}.
 */
final class IamAuthorizer {

    static final String SIGNING_NAME = "execute-api";

    private final ObjectMapper json;

    IamAuthorizer(ObjectMapper json) {
        this.json = json;
    }

    /** 200 with {@code {"iam": {...}}}, or 403 with the message to answer in {@code challenge}. */
    JwtAuthorizer.Outcome authorize(DataPlaneCall call) {
        var r = call.request();
        boolean signed = r.header("Authorization") != null || (r.rawQuery() != null && r.rawQuery().contains("X-Amz-Credential="));
        if (!signed) {
            return new JwtAuthorizer.Outcome(403, null, "Forbidden");
        }
        DataPlaneCall.Caller caller;
        try {
            caller = call.authenticate(SIGNING_NAME);
        } catch (AuthException e) {
            return new JwtAuthorizer.Outcome(403, null, e.getMessage());
        }
        if (caller == null || caller.accessKeyId() == null) {
            return new JwtAuthorizer.Outcome(403, null, "Forbidden");
        }
        ObjectNode context = json.createObjectNode();
        ObjectNode iam = context.putObject("iam");
        iam.put("accessKey", caller.accessKeyId());
        iam.put("accountId", caller.accountId());
        iam.put("callerId", caller.accountId());
        iam.putNull("cognitoIdentity");
        iam.putNull("principalOrgId");
        iam.put("userArn", "arn:aws:iam::" + caller.accountId() + ":root");
        iam.put("userId", caller.accountId());
        return new JwtAuthorizer.Outcome(200, context, null);
    }
}
