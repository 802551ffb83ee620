package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.HomeFolderLayout;
import io.haneul.appstream.domain.Paging;
import io.haneul.appstream.streaming.HomeFolder;
import io.haneul.appstream.streaming.SessionRequest;
import io.haneul.appstream.streaming.SessionView;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Streaming: CreateStreamingURL decides whether the user may stream (stack and fleet exist and are
 * associated, the fleet runs, the application is one the fleet offers) and hands the session's launch
 * commands, timeouts and stack settings to the streaming engine; DescribeSessions and ExpireSession
 * read and end the engine's sessions. DrainSessionInstance, which the SDK Haneul is built with has no
 * classes for, is answered on documents.
 */
@io.haneul.core.engine.DocumentOperations.Names({"DrainSessionInstance"})
public final class SessionApi implements io.haneul.core.engine.DocumentOperations {

    /** AWS's default validity of a streaming URL: 60 seconds. */
    static final long DEFAULT_VALIDITY = 60;

    private final Catalog catalog;
    private final ImageLookup images;
    private final ApplicationApi applications;
    private final StreamingUrls urls;
    private final Prewarming prewarming;

    SessionApi(Catalog catalog, ImageLookup images, ApplicationApi applications, StreamingUrls urls, Prewarming prewarming) {
        this.prewarming = prewarming;
        this.catalog = catalog;
        this.images = images;
        this.applications = applications;
        this.urls = urls;
    }

    public CreateStreamingUrlResponse createStreamingURL(RequestContext ctx, CreateStreamingUrlRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            var validity = StreamingUrls.validity(r.validity(), DEFAULT_VALIDITY);
            Stack stack = catalog.find(s, Kinds.STACK, r.stackName())
                    .orElseThrow(() -> AppStreamException.notFound("The stack " + r.stackName() + " could not be found."));
            Fleet fleet = catalog.find(s, Kinds.FLEET, r.fleetName())
                    .orElseThrow(() -> AppStreamException.notFound("The fleet " + r.fleetName() + " could not be found."));
            if (catalog.links().byA(s.account(), s.region(), Kinds.FLEET_STACK, r.fleetName()).stream().noneMatch(l -> l.b().equals(r.stackName()))) {
                throw AppStreamException.combination("The fleet " + r.fleetName() + " is not associated with stack " + r.stackName() + ".");
            }
            prewarming.follow(s, fleet);
            if (!"RUNNING".equals(fleet.stateAsString())) {
                throw AppStreamException.notAvailable("The fleet " + r.fleetName() + " is not running. Its state is " + fleet.stateAsString() + ".");
            }
            List<Application> apps = "ELASTIC".equals(fleet.fleetTypeAsString()) ? applications.ofFleet(s, fleet.name())
                    : images.find(s, null, fleet.imageArn()).filter(Image::hasApplications).map(Image::applications).orElse(List.of());
            String appId = r.applicationId();
            boolean desktop = "Desktop".equals(appId) && "DESKTOP".equals(fleet.streamViewAsString());
            if (appId != null && !desktop && apps.stream().noneMatch(a -> a.name().equals(appId))) {
                throw AppStreamException.combination("The application " + appId + " is not available on fleet " + r.fleetName() + ".");
            }
            if (apps.isEmpty()) {
                throw AppStreamException.notAvailable("The fleet " + r.fleetName() + " has no applications to stream.");
            }
            Map<String, Boolean> settings = Prewarming.userSettings(stack);
            SessionRequest request = new SessionRequest(s.account(), s.region(), stack.name(), fleet.name(), fleet.arn(), r.userId(),
                    desktop ? null : appId, StreamingUrls.launches(apps), r.sessionContext(),
                    fleet.maxUserDurationInSeconds() == null ? 0 : fleet.maxUserDurationInSeconds(),
                    fleet.disconnectTimeoutInSeconds() == null ? 0 : fleet.disconnectTimeoutInSeconds(),
                    fleet.idleDisconnectTimeoutInSeconds() == null ? 0 : fleet.idleDisconnectTimeoutInSeconds(),
                    FleetApi.sessionCap(fleet), stack.hasEmbedHostDomains() ? stack.embedHostDomains() : List.of(), settings,
                    homeFolder(s, stack, r.userId()));
            StreamingUrls.Url url = urls.open(request, validity, catalog.now());
            return CreateStreamingUrlResponse.builder().streamingURL(url.url()).expires(url.expires()).build();
        });
    }

    /** Where the user's home folder is kept: the stack's HOMEFOLDERS connector, or null without one. */
    private static HomeFolder homeFolder(Scope s, Stack stack, String userId) {
        if (!stack.hasStorageConnectors()) {
            return null;
        }
        return stack.storageConnectors().stream().filter(c -> c.connectorType() == StorageConnectorType.HOMEFOLDERS).findFirst()
                .map(c -> new HomeFolder(s.account(), s.region(), HomeFolderLayout.bucket(c.resourceIdentifier(), s.region(), s.account()),
                        HomeFolderLayout.apiUserPrefix(userId)))
                .orElse(null);
    }

    public DescribeSessionsResponse describeSessions(RequestContext ctx, DescribeSessionsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            if (r.limit() != null && r.limit() < 1) {
                throw AppStreamException.combination("The Limit must be greater than 0.");
            }
            List<Session> sessions = catalog.find(s, Kinds.FLEET, r.fleetName()).map(f -> urls.engine().sessions(f.arn())).orElse(List.of())
                    .stream()
                    .filter(v -> r.stackName().equals(v.stackName()))
                    .filter(v -> r.userId() == null || r.userId().equals(v.userId()))
                    .filter(v -> r.authenticationTypeAsString() == null || "API".equals(r.authenticationTypeAsString()))
                    .map(SessionApi::session).toList();
            Paging.Page<Session> page = Paging.page(sessions, r.nextToken(), r.limit(), 50, Session::id);
            return DescribeSessionsResponse.builder().sessions(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public ExpireSessionResponse expireSession(RequestContext ctx, ExpireSessionRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            urls.engine().session(r.sessionId()).filter(v -> v.fleetArn() != null && v.fleetArn().startsWith(
                    "arn:aws:appstream:" + s.region() + ":" + s.account() + ":")).ifPresent(v -> urls.engine().expire(v.id()));
            return ExpireSessionResponse.builder().build();
        });
    }

    @Override
    public Map<String, DocumentHandler> documentOperations() {
        return Map.of("DrainSessionInstance", (ctx, input) -> call(() -> drainSessionInstance(Scope.of(ctx), input)));
    }

    /**
     * DrainSessionInstance: the instance that hosts the session takes no new session and ends with it.
     * Here every session has an instance (an X display) of its own that no other session ever joins, so
     * draining it changes nothing further: the call checks that the caller's session exists, as AWS does.
     */
    private com.fasterxml.jackson.databind.JsonNode drainSessionInstance(Scope s, com.fasterxml.jackson.databind.JsonNode input) {
        String id = input.path("SessionId").asText(""); // present: the engine checks the model's required members first
        if (id.isEmpty()) {
            throw new io.haneul.core.error.AwsErrorException("ValidationException",
                    "1 validation error detected: Value null at 'sessionId' failed to satisfy constraint: Member must not be null", 400);
        }
        urls.engine().session(id).filter(v -> v.fleetArn() != null && v.fleetArn().startsWith(
                "arn:aws:appstream:" + s.region() + ":" + s.account() + ":"))
                .orElseThrow(() -> AppStreamException.notFound("The session " + id + " could not be found."));
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /** A session as AWS describes it: streaming URLs authenticate users as API users. */
    static Session session(SessionView v) {
        return Session.builder().id(v.id()).userId(v.userId()).stackName(v.stackName()).fleetName(v.fleetName()).state(v.state())
                .connectionState(v.connectionState()).startTime(v.startTime()).maxExpirationTime(v.maxExpirationTime())
                .authenticationType("API")
                .networkAccessConfiguration(NetworkAccessConfiguration.builder().eniPrivateIpAddress("127.0.0.1").build())
                .build();
    }
}
