package io.haneul.rekognition;

import io.haneul.core.engine.RequestContext;
import io.haneul.core.protocol.SdkDocuments;
import io.haneul.rekognition.liveness.FaceLivenessService;
import software.amazon.awssdk.services.rekognition.model.CreateFaceLivenessSessionRequest;
import software.amazon.awssdk.services.rekognition.model.CreateFaceLivenessSessionRequestSettings;
import software.amazon.awssdk.services.rekognition.model.CreateFaceLivenessSessionResponse;
import software.amazon.awssdk.services.rekognition.model.GetFaceLivenessSessionResultsRequest;
import software.amazon.awssdk.services.rekognition.model.GetFaceLivenessSessionResultsResponse;

import static io.haneul.rekognition.RekognitionErrors.call;

/**
 * Face Liveness: CreateFaceLivenessSession and GetFaceLivenessSessionResults. A repeated ClientRequestToken
 * answers the first session; with other settings it is InvalidParameterException, the operation modelling
 * no IdempotentParameterMismatchException.
 */
public final class LivenessApi {

    private final FaceLivenessService sessions;
    private final IdempotentCalls idempotent;
    private final SdkDocuments sdk = new SdkDocuments();

    LivenessApi(FaceLivenessService sessions, IdempotentCalls idempotent) {
        this.sessions = sessions;
        this.idempotent = idempotent;
    }

    public CreateFaceLivenessSessionResponse createFaceLivenessSession(RequestContext ctx, CreateFaceLivenessSessionRequest r) {
        return call(() -> idempotent.once(ctx.accountId(), ctx.region(), "CreateFaceLivenessSession", r.clientRequestToken(), r,
                CreateFaceLivenessSessionResponse.class, "InvalidParameterException", () -> {
                    CreateFaceLivenessSessionRequestSettings settings = r.settings() == null
                            ? CreateFaceLivenessSessionRequestSettings.builder().build() : r.settings();
                    return CreateFaceLivenessSessionResponse.builder()
                            .sessionId(sessions.create(ctx.accountId(), ctx.region(), sdk.write(settings))).build();
                }));
    }

    public GetFaceLivenessSessionResultsResponse getFaceLivenessSessionResults(RequestContext ctx, GetFaceLivenessSessionResultsRequest r) {
        return call(() -> {
            FaceLivenessService.Result result = sessions.results(ctx.accountId(), ctx.region(), r.sessionId());
            return GetFaceLivenessSessionResultsResponse.builder().sessionId(result.sessionId()).status(result.status()).build();
        });
    }
}
