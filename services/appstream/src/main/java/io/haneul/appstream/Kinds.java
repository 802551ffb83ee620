package io.haneul.appstream;

import software.amazon.awssdk.services.appstream.model.AppBlock;
import software.amazon.awssdk.services.appstream.model.AppBlockBuilder;
import software.amazon.awssdk.services.appstream.model.Application;
import software.amazon.awssdk.services.appstream.model.DirectoryConfig;
import software.amazon.awssdk.services.appstream.model.Entitlement;
import software.amazon.awssdk.services.appstream.model.ExportImageTask;
import software.amazon.awssdk.services.appstream.model.Fleet;
import software.amazon.awssdk.services.appstream.model.Image;
import software.amazon.awssdk.services.appstream.model.ImageBuilder;
import software.amazon.awssdk.services.appstream.model.Stack;
import software.amazon.awssdk.services.appstream.model.Theme;
import software.amazon.awssdk.services.appstream.model.UsageReportSubscription;
import software.amazon.awssdk.services.appstream.model.User;

/**
 * The kinds of AppStream resources Haneul stores, their ARN resource types (AWS's: {@code fleet/},
 * {@code stack/}, {@code image-builder/}...) and how each settles into the state a start, stop or copy
 * leads to.
 */
final class Kinds {

    static final Kind<Fleet> FLEET = new Kind<>("fleet", Fleet.class, "fleet",
            (f, state) -> f.toBuilder().state(state).build());
    static final Kind<Stack> STACK = Kind.of("stack", Stack.class, "stack");
    static final Kind<Image> IMAGE = new Kind<>("image", Image.class, "image",
            (i, state) -> i.toBuilder().state(state).build());
    static final Kind<ImageBuilder> IMAGE_BUILDER = new Kind<>("image-builder", ImageBuilder.class, "image-builder",
            (b, state) -> b.toBuilder().state(state).build());
    static final Kind<AppBlock> APP_BLOCK = Kind.of("app-block", AppBlock.class, "app-block");
    static final Kind<AppBlockBuilder> APP_BLOCK_BUILDER = new Kind<>("app-block-builder", AppBlockBuilder.class, "app-block-builder",
            (b, state) -> b.toBuilder().state(state).build());
    static final Kind<Application> APPLICATION = Kind.of("application", Application.class, "application");
    /** Entitlements are named within their stack: the key is {@code stack/name}. */
    static final Kind<Entitlement> ENTITLEMENT = Kind.of("entitlement", Entitlement.class, "entitlement");
    static final Kind<Theme> THEME = Kind.of("theme", Theme.class, "theme");
    static final Kind<DirectoryConfig> DIRECTORY_CONFIG = Kind.of("directory-config", DirectoryConfig.class, "directory-config");
    /** User pool users are keyed by user name (AWS keys them by name and authentication type; only USERPOOL users are created). */
    static final Kind<User> USER = Kind.of("user", User.class, "user/userpool");
    static final Kind<UsageReportSubscription> USAGE_REPORT = Kind.of("usage-report", UsageReportSubscription.class, "usage-report");
    static final Kind<ExportImageTask> EXPORT_TASK = Kind.of("export-image-task", ExportImageTask.class, "export-image-task");

    /** Link kinds: a is the first named resource, b the second. */
    static final String FLEET_STACK = "fleet-stack";
    static final String APP_FLEET = "application-fleet";
    static final String ENTITLEMENT_APP = "entitlement-application";
    static final String USER_STACK = "user-stack";
    static final String BUILDER_APP_BLOCK = "app-block-builder-app-block";
    static final String BUILDER_SOFTWARE = "image-builder-software";
    static final String IMAGE_SHARE = "image-share";

    private Kinds() {
    }
}
