package io.haneul.apigateway.v2.ws;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.error.AwsErrorException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.Identity;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway's management API ({@code apigatewaymanagementapi-2018-11-29}, signing name
 * {@code execute-api}): {@code POST|GET|DELETE /{stage}/@connections/{connectionId}} on an API's
 * invoke host, or {@code /_aws/execute-api/{apiId}/{stage}/@connections/{connectionId}} on
 * Haneul's own (see {@link ManagementAddressing}). A connection not open, or of another API than
 * the invoke host names, is 410 GoneException; data over 128 KB is 413 PayloadTooLargeException.
 * A signed caller must be of the API's own account ({@code execute-api:ManageConnections} is granted
 * by the API owner's IAM policies, which Haneul does not evaluate): another account's is 403
 * AccessDeniedException. Unsigned calls reach here only in permissive mode.
 */
public final class ApiGatewayManagementProvider {

    private static final Pattern INVOKE_HOST = Pattern.compile("([a-z0-9]{10})\\.execute-api\\..+");

    private final Supplier<Connections> connections;
    private final Function<String, Optional<String>> apiOwners;

    /** @param apiOwners an API id to the account that owns it ("account/region" scopes are the v2 store's) */
    public ApiGatewayManagementProvider(Supplier<Connections> connections, Function<String, Optional<String>> apiOwners) {
        this.connections = connections;
        this.apiOwners = apiOwners;
    }

    public PostToConnectionResponse postToConnection(RequestContext ctx, PostToConnectionRequest r) {
        byte[] data = r.data() == null ? new byte[0] : r.data().asByteArray();
        if (data.length > WebSocketApiPlane.MAX_MESSAGE_BYTES) {
            throw new AwsErrorException("PayloadTooLargeException", "Message too long", 413);
        }
        authorize(ctx, r.connectionId(), "POST");
        gone(() -> connections.get().post(apiOf(ctx), r.connectionId(), data));
        return PostToConnectionResponse.builder().build();
    }

    public GetConnectionResponse getConnection(RequestContext ctx, GetConnectionRequest r) {
        Connections.Info[] info = new Connections.Info[1];
        authorize(ctx, r.connectionId(), "GET");
        gone(() -> info[0] = connections.get().describe(apiOf(ctx), r.connectionId()));
        return GetConnectionResponse.builder().connectedAt(info[0].connectedAt()).lastActiveAt(info[0].lastActiveAt())
                .identity(Identity.builder().sourceIp(info[0].sourceIp()).userAgent(info[0].userAgent() == null ? "" : info[0].userAgent()).build())
                .build();
    }

    public DeleteConnectionResponse deleteConnection(RequestContext ctx, DeleteConnectionRequest r) {
        authorize(ctx, r.connectionId(), "DELETE");
        gone(() -> connections.get().delete(apiOf(ctx), r.connectionId()));
        return DeleteConnectionResponse.builder().build();
    }

    /** Refuses a signed caller of another account than the connection's API (a gone connection is left to the call: 410). */
    private void authorize(RequestContext ctx, String connectionId, String method) {
        if (ctx.accessKeyId() == null) {
            return;
        }
        connections.get().apiIdOf(connectionId).ifPresent(apiId -> apiOwners.apply(apiId).ifPresent(owner -> {
            if (!owner.equals(ctx.accountId())) {
                throw new AwsErrorException("AccessDeniedException", "User: arn:aws:iam::" + ctx.accountId()
                        + ":root is not authorized to perform: execute-api:ManageConnections on resource: arn:aws:execute-api:"
                        + ctx.region() + ":" + owner + ":" + apiId + "/*/" + method + "/@connections/" + connectionId, 403);
            }
        }));
    }

    private static void gone(Runnable work) {
        try {
            work.run();
        } catch (GoneConnectionException e) {
            throw new AwsErrorException("GoneException", "", 410);
        }
    }

    /** The API the invoke host names, or null when the call came by path to Haneul's host (the connection id alone decides). */
    private static String apiOf(RequestContext ctx) {
        if (ctx.host() == null) {
            return null;
        }
        Matcher m = INVOKE_HOST.matcher(ctx.host().toLowerCase(java.util.Locale.ROOT));
        return m.matches() ? m.group(1) : null;
    }
}
