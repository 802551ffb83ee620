package io.haneul.sns;

import io.haneul.core.engine.RequestContext;
import io.haneul.sns.domain.Arns;
import io.haneul.sns.domain.SnsException;
import io.haneul.sns.store.PlatformStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mobile push: platform applications (APNS, GCM/FCM, ADM, Baidu, WNS, MPNS, macOS) and their
 * endpoints. There is no push service here; publishes to endpoints go to the outbox.
 */
final class PlatformService {

    static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "BAIDU", "GCM",
            "MACOS", "MACOS_SANDBOX", "MPNS", "WNS");
    private static final Set<String> APP_ATTRIBUTES = Set.of("PlatformCredential", "PlatformPrincipal", "EventEndpointCreated",
            "EventEndpointDeleted", "EventEndpointUpdated", "EventDeliveryFailure", "SuccessFeedbackRoleArn", "FailureFeedbackRoleArn",
            "SuccessFeedbackSampleRate", "ApplePlatformTeamID", "ApplePlatformBundleID", "Enabled", "AuthenticationMethod");
    private static final Set<String> SECRET = Set.of("PlatformCredential", "PlatformPrincipal");
    private static final Set<String> ENDPOINT_ATTRIBUTES = Set.of("CustomUserData", "Enabled", "Token");

    private final PlatformStore store;
    private final Clock clock;

    PlatformService(PlatformStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    PlatformStore.App createApp(RequestContext ctx, String name, String platform, Map<String, String> attributes) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,256}")) {
            throw SnsException.invalidParameter("Name");
        }
        if (platform == null || !PLATFORMS.contains(platform)) {
            throw SnsException.invalidParameter("Platform Reason: " + platform + " is not supported");
        }
        checkAppAttributes(attributes);
        boolean credential = attributes.containsKey("PlatformCredential");
        boolean principal = attributes.containsKey("PlatformPrincipal");
        if (principal && !credential) {
            throw SnsException.invalidParameter("Attributes Reason: PlatformPrincipal attribute provided without PlatformCredential");
        }
        // every platform but Firebase (GCM) signs in with a principal and a credential (APNS certificate and key, ADM client id and secret...)
        if (credential && !principal && !platform.equals("GCM")) {
            throw SnsException.invalidParameter("Attributes Reason: PlatformCredential attribute provided without PlatformPrincipal");
        }
        if (!credential || attributes.get("PlatformCredential").isEmpty()) {
            throw SnsException.invalidParameter("Attributes Reason: PlatformCredential attribute is required");
        }
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.putIfAbsent("Enabled", "true");
        String arn = "arn:aws:sns:" + ctx.region() + ":" + ctx.accountId() + ":app/" + platform + "/" + name;
        return store.createApp(new PlatformStore.App(arn, ctx.accountId(), ctx.region(), name, platform, attrs, clock.millis()));
    }

    private static void checkAppAttributes(Map<String, String> attributes) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!APP_ATTRIBUTES.contains(e.getKey())) {
                throw SnsException.invalidParameter("Attributes Reason: Invalid attribute name: " + e.getKey());
            }
            if (e.getKey().equals("Enabled") && !e.getValue().equalsIgnoreCase("true") && !e.getValue().equalsIgnoreCase("false")) {
                throw SnsException.invalidParameter("Attributes Reason: Enabled must be true or false");
            }
        }
    }

    PlatformStore.App app(RequestContext ctx, String arn) {
        if (arn == null || Arns.parse(arn).filter(a -> a.resource().startsWith("app/")).isEmpty()) {
            throw SnsException.invalidParameter("PlatformApplicationArn Reason: Wrong number of slashes in relative portion of the ARN.");
        }
        PlatformStore.App app = store.findApp(arn).orElseThrow(() -> SnsException.notFound("PlatformApplication does not exist"));
        if (!app.account().equals(ctx.accountId())) {
            throw SnsException.authorization("User: " + Arns.accountRoot(ctx.accountId()) + " is not authorized to access " + arn);
        }
        return app;
    }

    /** Attributes as GetPlatformApplicationAttributes shows them: credentials are never returned. */
    static Map<String, String> visible(Map<String, String> attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (!SECRET.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    void setAppAttributes(PlatformStore.App app, Map<String, String> changes) {
        checkAppAttributes(changes);
        Map<String, String> attrs = new LinkedHashMap<>(app.attributes());
        attrs.putAll(changes);
        store.updateAppAttributes(app.arn(), attrs);
    }

    void deleteApp(RequestContext ctx, String arn) {
        if (arn == null || Arns.parse(arn).filter(a -> a.resource().startsWith("app/")).isEmpty()) {
            throw SnsException.invalidParameter("PlatformApplicationArn");
        }
        store.findApp(arn).filter(a -> a.account().equals(ctx.accountId())).ifPresent(a -> store.deleteApp(a.arn()));
    }

    Pages.Page<PlatformStore.App> listApps(RequestContext ctx, String nextToken) {
        return Pages.of(store.listApps(ctx.accountId(), ctx.region(), Pages.after(nextToken), Pages.PAGE_SIZE + 1), Pages.PAGE_SIZE,
                PlatformStore.App::arn);
    }

    // ---- endpoints ----

    PlatformStore.Endpoint createEndpoint(RequestContext ctx, String appArn, String token, String customUserData,
                                          Map<String, String> attributes) {
        PlatformStore.App app = app(ctx, appArn);
        if (token == null || token.isEmpty()) {
            throw SnsException.invalidParameter("Token Reason: cannot be empty");
        }
        checkEndpointAttributes(attributes);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("Enabled", "true");
        if (customUserData != null) {
            attrs.put("CustomUserData", customUserData);
        }
        attrs.putAll(attributes);
        attrs.put("Token", token);
        String arn = "arn:aws:sns:" + app.region() + ":" + app.account() + ":endpoint/" + app.platform() + "/" + app.name() + "/"
                + UUID.randomUUID();
        PlatformStore.Endpoint stored = store.createEndpoint(new PlatformStore.Endpoint(arn, app.arn(), token, attrs, clock.millis()));
        if (!stored.arn().equals(arn) && !stored.attributes().equals(attrs)) {
            throw SnsException.invalidParameter("Token Reason: Endpoint " + stored.arn()
                    + " already exists with the same Token, but different attributes.");
        }
        return stored;
    }

    private static void checkEndpointAttributes(Map<String, String> attributes) {
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!ENDPOINT_ATTRIBUTES.contains(e.getKey())) {
                throw SnsException.invalidParameter("Attributes Reason: Invalid attribute name: " + e.getKey());
            }
            if (e.getKey().equals("Enabled") && !e.getValue().equalsIgnoreCase("true") && !e.getValue().equalsIgnoreCase("false")) {
                throw SnsException.invalidParameter("Attributes Reason: Enabled must be true or false");
            }
        }
    }

    PlatformStore.Endpoint endpoint(RequestContext ctx, String arn) {
        if (arn == null || Arns.parse(arn).filter(a -> a.resource().startsWith("endpoint/")).isEmpty()) {
            throw SnsException.invalidParameter("EndpointArn Reason: Wrong number of slashes in relative portion of the ARN.");
        }
        PlatformStore.Endpoint e = store.findEndpoint(arn).orElseThrow(() -> SnsException.notFound("Endpoint does not exist"));
        if (!Arns.parse(arn).orElseThrow().account().equals(ctx.accountId())) {
            throw SnsException.authorization("User: " + Arns.accountRoot(ctx.accountId()) + " is not authorized to access " + arn);
        }
        return e;
    }

    void setEndpointAttributes(PlatformStore.Endpoint e, Map<String, String> changes) {
        checkEndpointAttributes(changes);
        Map<String, String> attrs = new LinkedHashMap<>(e.attributes());
        attrs.putAll(changes);
        store.updateEndpoint(e.arn(), attrs.getOrDefault("Token", e.token()), attrs);
    }

    void deleteEndpoint(RequestContext ctx, String arn) {
        if (arn == null || Arns.parse(arn).isEmpty()) {
            throw SnsException.invalidParameter("EndpointArn");
        }
        store.findEndpoint(arn).filter(e -> Arns.parse(arn).orElseThrow().account().equals(ctx.accountId()))
                .ifPresent(e -> store.deleteEndpoint(arn));
    }

    Pages.Page<PlatformStore.Endpoint> listEndpoints(RequestContext ctx, String appArn, String nextToken) {
        PlatformStore.App app = app(ctx, appArn);
        List<PlatformStore.Endpoint> fetched = store.listEndpoints(app.arn(), Pages.after(nextToken), Pages.PAGE_SIZE + 1);
        return Pages.of(fetched, Pages.PAGE_SIZE, PlatformStore.Endpoint::arn);
    }
}
