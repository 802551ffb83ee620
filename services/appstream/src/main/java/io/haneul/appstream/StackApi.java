package io.haneul.appstream;

import io.haneul.appstream.domain.AppStreamException;
import io.haneul.appstream.domain.Paging;
import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.appstream.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.haneul.appstream.AppStreamErrors.call;

/**
 * Stacks (storage connectors, user settings, application settings, access endpoints, redirect and
 * feedback URLs, embed host domains), their association with a fleet, and their theme. User settings
 * not given take AWS's defaults (enabled, smart card sign-in disabled); the streaming engine gets them with each session.
 */
public final class StackApi {

    /** The user settings AWS reports for a stack that names none, in AWS's order: all enabled but smart card sign-in. */
    static final List<String> DEFAULT_ACTIONS = List.of("CLIPBOARD_COPY_FROM_LOCAL_DEVICE", "CLIPBOARD_COPY_TO_LOCAL_DEVICE",
            "FILE_UPLOAD", "FILE_DOWNLOAD", "PRINTING_TO_LOCAL_DEVICE", "DOMAIN_PASSWORD_SIGNIN", "DOMAIN_SMART_CARD_SIGNIN");
    private static final String DISABLED_BY_DEFAULT = "DOMAIN_SMART_CARD_SIGNIN";

    private final Catalog catalog;

    StackApi(Catalog catalog) {
        this.catalog = catalog;
    }

    public CreateStackResponse createStack(RequestContext ctx, CreateStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Stack stack = Stack.builder().name(r.name()).arn(catalog.arn(s, Kinds.STACK, r.name())).description(r.description())
                    .displayName(r.displayName()).createdTime(catalog.now())
                    .storageConnectors(r.hasStorageConnectors() ? r.storageConnectors() : List.of())
                    .redirectURL(r.redirectURL()).feedbackURL(r.feedbackURL())
                    .userSettings(userSettings(List.of(), r.hasUserSettings() ? r.userSettings() : List.of()))
                    .applicationSettings(applicationSettings(s, r.name(), r.applicationSettings(), null))
                    .accessEndpoints(r.hasAccessEndpoints() ? r.accessEndpoints() : null)
                    .embedHostDomains(r.hasEmbedHostDomains() ? r.embedHostDomains() : null)
                    .streamingExperienceSettings(r.streamingExperienceSettings())
                    .stackErrors(List.of())
                    .build();
            if (!catalog.insert(s, Kinds.STACK, r.name(), stack)) {
                throw AppStreamException.exists("The stack " + r.name() + " already exists.");
            }
            if (r.hasTags()) {
                catalog.tags().put(s.account(), s.region(), stack.arn(), r.tags());
            }
            return CreateStackResponse.builder().stack(stack).build();
        });
    }

    public DescribeStacksResponse describeStacks(RequestContext ctx, DescribeStacksRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<Stack> picked = r.hasNames() && !r.names().isEmpty()
                    ? r.names().stream().map(n -> stack(s, n)).toList() : catalog.all(s, Kinds.STACK);
            Paging.Page<Stack> page = Paging.page(picked, r.nextToken(), null, 25, Stack::name);
            return DescribeStacksResponse.builder().stacks(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public UpdateStackResponse updateStack(RequestContext ctx, UpdateStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Stack current = stack(s, r.name());
            Stack.Builder b = current.toBuilder();
            if (r.displayName() != null) b.displayName(r.displayName());
            if (r.description() != null) b.description(r.description());
            if (r.hasStorageConnectors()) b.storageConnectors(r.storageConnectors());
            if (Boolean.TRUE.equals(r.deleteStorageConnectors())) b.storageConnectors(List.of());
            if (r.redirectURL() != null) b.redirectURL(r.redirectURL());
            if (r.feedbackURL() != null) b.feedbackURL(r.feedbackURL());
            if (r.hasUserSettings()) b.userSettings(userSettings(current.userSettings(), r.userSettings()));
            if (r.applicationSettings() != null) {
                b.applicationSettings(applicationSettings(s, r.name(), r.applicationSettings(), current.applicationSettings()));
            }
            if (r.hasAccessEndpoints()) b.accessEndpoints(r.accessEndpoints());
            if (r.hasEmbedHostDomains()) b.embedHostDomains(r.embedHostDomains());
            if (r.streamingExperienceSettings() != null) b.streamingExperienceSettings(r.streamingExperienceSettings());
            for (String attr : r.attributesToDeleteAsStrings()) {
                Stack now = b.build();
                switch (attr) {
                    case "STORAGE_CONNECTORS" -> b.storageConnectors(List.of());
                    case "STORAGE_CONNECTOR_HOMEFOLDERS", "STORAGE_CONNECTOR_GOOGLE_DRIVE", "STORAGE_CONNECTOR_ONE_DRIVE" -> {
                        String type = attr.substring("STORAGE_CONNECTOR_".length());
                        b.storageConnectors(now.storageConnectors().stream().filter(c -> !type.equals(c.connectorTypeAsString())).toList());
                    }
                    case "REDIRECT_URL" -> b.redirectURL(null);
                    case "FEEDBACK_URL" -> b.feedbackURL(null);
                    case "USER_SETTINGS" -> b.userSettings(userSettings(List.of(), List.of()));
                    case "EMBED_HOST_DOMAINS" -> b.embedHostDomains((java.util.Collection<String>) null);
                    case "ACCESS_ENDPOINTS" -> b.accessEndpoints((java.util.Collection<AccessEndpoint>) null);
                    case "STREAMING_EXPERIENCE_SETTINGS" -> b.streamingExperienceSettings((StreamingExperienceSettings) null);
                    default -> { }
                }
            }
            Stack updated = b.build();
            catalog.replace(s, Kinds.STACK, r.name(), updated);
            return UpdateStackResponse.builder().stack(updated).build();
        });
    }

    public DeleteStackResponse deleteStack(RequestContext ctx, DeleteStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            stack(s, r.name());
            if (!catalog.links().byB(s.account(), s.region(), Kinds.FLEET_STACK, r.name()).isEmpty()) {
                throw AppStreamException.inUse("The stack " + r.name() + " is associated with a fleet. Disassociate the fleet first.");
            }
            catalog.delete(s, Kinds.STACK, r.name());
            catalog.delete(s, Kinds.THEME, r.name());
            catalog.links().forget(s.account(), s.region(), Kinds.USER_STACK, r.name(), true);
            for (Entitlement e : catalog.all(s, Kinds.ENTITLEMENT)) {
                if (r.name().equals(e.stackName())) {
                    String key = EntitlementApi.key(e.stackName(), e.name());
                    catalog.delete(s, Kinds.ENTITLEMENT, key);
                    catalog.links().forget(s.account(), s.region(), Kinds.ENTITLEMENT_APP, key, true);
                }
            }
            return DeleteStackResponse.builder().build();
        });
    }

    public AssociateFleetResponse associateFleet(RequestContext ctx, AssociateFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            catalog.find(s, Kinds.FLEET, r.fleetName()).orElseThrow(() -> AppStreamException.notFound("The fleet " + r.fleetName() + " could not be found."));
            stack(s, r.stackName());
            for (var l : catalog.links().byB(s.account(), s.region(), Kinds.FLEET_STACK, r.stackName())) {
                if (!l.a().equals(r.fleetName())) {
                    throw AppStreamException.limit("The stack " + r.stackName() + " is already associated with fleet " + l.a() + ".");
                }
            }
            catalog.links().put(s.account(), s.region(), Kinds.FLEET_STACK, r.fleetName(), r.stackName(), null);
            return AssociateFleetResponse.builder().build();
        });
    }

    public DisassociateFleetResponse disassociateFleet(RequestContext ctx, DisassociateFleetRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            catalog.find(s, Kinds.FLEET, r.fleetName()).orElseThrow(() -> AppStreamException.notFound("The fleet " + r.fleetName() + " could not be found."));
            stack(s, r.stackName());
            if (!catalog.links().delete(s.account(), s.region(), Kinds.FLEET_STACK, r.fleetName(), r.stackName())) {
                throw AppStreamException.notFound("The fleet " + r.fleetName() + " is not associated with stack " + r.stackName() + ".");
            }
            return DisassociateFleetResponse.builder().build();
        });
    }

    public ListAssociatedFleetsResponse listAssociatedFleets(RequestContext ctx, ListAssociatedFleetsRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<String> names = catalog.links().byB(s.account(), s.region(), Kinds.FLEET_STACK, r.stackName()).stream().map(l -> l.a()).toList();
            Paging.Page<String> page = Paging.page(names, r.nextToken(), null, 25, n -> n);
            return ListAssociatedFleetsResponse.builder().names(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public ListAssociatedStacksResponse listAssociatedStacks(RequestContext ctx, ListAssociatedStacksRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            List<String> names = catalog.links().byA(s.account(), s.region(), Kinds.FLEET_STACK, r.fleetName()).stream().map(l -> l.b()).toList();
            Paging.Page<String> page = Paging.page(names, r.nextToken(), null, 25, n -> n);
            return ListAssociatedStacksResponse.builder().names(page.items()).nextToken(page.nextToken()).build();
        });
    }

    public CreateThemeForStackResponse createThemeForStack(RequestContext ctx, CreateThemeForStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            stack(s, r.stackName());
            Theme theme = Theme.builder().stackName(r.stackName()).state("ENABLED").themeTitleText(r.titleText())
                    .themeStyling(r.themeStylingAsString()).themeFooterLinks(r.hasFooterLinks() ? r.footerLinks() : null)
                    .themeOrganizationLogoURL(url(ctx, r.organizationLogoS3Location())).themeFaviconURL(url(ctx, r.faviconS3Location()))
                    .createdTime(catalog.now()).build();
            if (!catalog.insert(s, Kinds.THEME, r.stackName(), theme)) {
                throw AppStreamException.exists("The stack " + r.stackName() + " already has a theme.");
            }
            return CreateThemeForStackResponse.builder().theme(theme).build();
        });
    }

    public DescribeThemeForStackResponse describeThemeForStack(RequestContext ctx, DescribeThemeForStackRequest r) {
        return call(() -> DescribeThemeForStackResponse.builder().theme(theme(Scope.of(ctx), r.stackName())).build());
    }

    public UpdateThemeForStackResponse updateThemeForStack(RequestContext ctx, UpdateThemeForStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            Theme.Builder b = theme(s, r.stackName()).toBuilder();
            if (r.titleText() != null) b.themeTitleText(r.titleText());
            if (r.themeStylingAsString() != null) b.themeStyling(r.themeStylingAsString());
            if (r.hasFooterLinks()) b.themeFooterLinks(r.footerLinks());
            if (r.organizationLogoS3Location() != null) b.themeOrganizationLogoURL(url(ctx, r.organizationLogoS3Location()));
            if (r.faviconS3Location() != null) b.themeFaviconURL(url(ctx, r.faviconS3Location()));
            if (r.stateAsString() != null) b.state(r.stateAsString());
            if (r.attributesToDeleteAsStrings().contains("FOOTER_LINKS")) b.themeFooterLinks((java.util.Collection<ThemeFooterLink>) null);
            Theme updated = b.build();
            catalog.replace(s, Kinds.THEME, r.stackName(), updated);
            return UpdateThemeForStackResponse.builder().theme(updated).build();
        });
    }

    public DeleteThemeForStackResponse deleteThemeForStack(RequestContext ctx, DeleteThemeForStackRequest r) {
        return call(() -> {
            Scope s = Scope.of(ctx);
            theme(s, r.stackName());
            catalog.delete(s, Kinds.THEME, r.stackName());
            return DeleteThemeForStackResponse.builder().build();
        });
    }

    private Theme theme(Scope s, String stackName) {
        stack(s, stackName);
        return catalog.find(s, Kinds.THEME, stackName)
                .orElseThrow(() -> AppStreamException.notFound("The stack " + stackName + " has no theme."));
    }

    /** Theme images are served from Haneul's S3 (path style), where AWS serves them from its own CDN. */
    private static String url(RequestContext ctx, S3Location loc) {
        return loc == null ? null : ctx.baseUrl() + "/" + loc.s3Bucket() + "/" + loc.s3Key();
    }

    Stack stack(Scope s, String name) {
        return catalog.find(s, Kinds.STACK, name).orElseThrow(() -> AppStreamException.notFound("The stack " + name + " could not be found."));
    }

    /** AWS's full list of user settings: the ones given replace the current ones, the rest stay (ENABLED when new). */
    private static List<UserSetting> userSettings(List<UserSetting> current, List<UserSetting> given) {
        Map<String, UserSetting> byAction = new LinkedHashMap<>();
        for (String a : DEFAULT_ACTIONS) {
            byAction.put(a, UserSetting.builder().action(a).permission(DISABLED_BY_DEFAULT.equals(a) ? "DISABLED" : "ENABLED").build());
        }
        for (UserSetting u : current) {
            byAction.put(u.actionAsString(), u);
        }
        for (UserSetting u : given) {
            byAction.put(u.actionAsString(), u);
        }
        return new ArrayList<>(byAction.values());
    }

    private ApplicationSettingsResponse applicationSettings(Scope s, String stack, ApplicationSettings given, ApplicationSettingsResponse current) {
        if (given == null) {
            return ApplicationSettingsResponse.builder().enabled(false).build();
        }
        if (Boolean.TRUE.equals(given.enabled()) && given.settingsGroup() == null && (current == null || current.settingsGroup() == null)) {
            throw AppStreamException.combination("SettingsGroup is required when application settings persistence is enabled.");
        }
        String bucket = current != null && current.s3BucketName() != null ? current.s3BucketName()
                : "appstream-app-settings-" + s.region() + "-" + s.account() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return ApplicationSettingsResponse.builder().enabled(given.enabled())
                .settingsGroup(given.settingsGroup() != null ? given.settingsGroup() : current == null ? null : current.settingsGroup())
                .s3BucketName(Boolean.TRUE.equals(given.enabled()) ? bucket : null).build();
    }
}
