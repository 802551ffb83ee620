package io.haneul.appstream;

import software.amazon.awssdk.services.appstream.model.Application;
import software.amazon.awssdk.services.appstream.model.Image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The PUBLIC images Haneul ships, listed by DescribeImages the way AWS lists its base images (no
 * account in the ARN, visibility PUBLIC, AVAILABLE). Their applications are Debian programs the
 * streaming engine launches in the session's X display: {@code Haneul-Xterm} a terminal,
 * {@code Haneul-Desktop} a small desktop of terminal, clock and editor.
 */
final class BuiltInImages {

    static final Instant RELEASED = Instant.parse("2026-12-01T00:00:00Z");

    private BuiltInImages() {
    }

    static List<Image> all(String region) {
        return List.of(
                image(region, "Haneul-Xterm", "Haneul Xterm", "A terminal (xterm) in its own X display.",
                        List.of(app("xterm", "XTerm", "/usr/bin/xterm", "", null))),
                image(region, "Haneul-Desktop", "Haneul Desktop", "A small desktop: a window manager with a terminal, a clock and an editor.",
                        List.of(app("xterm", "XTerm", "/usr/bin/xterm", "", null),
                                app("xclock", "XClock", "/usr/bin/xclock", "-update 1", null),
                                app("xedit", "XEdit", "/usr/bin/xedit", "", null))));
    }

    static boolean isBuiltIn(String name) {
        return "Haneul-Xterm".equals(name) || "Haneul-Desktop".equals(name);
    }

    private static Image image(String region, String name, String display, String description, List<Application> apps) {
        return Image.builder()
                .name(name)
                .arn("arn:aws:appstream:" + region + "::image/" + name)
                .displayName(display)
                .description(description)
                .state("AVAILABLE")
                .visibility("PUBLIC")
                .imageBuilderSupported(true)
                .platform("AMAZON_LINUX2")
                .applications(apps)
                .createdTime(RELEASED)
                .publicBaseImageReleasedDate(RELEASED)
                .appstreamAgentVersion("LATEST")
                .supportedInstanceFamilies(List.of("GENERAL_PURPOSE"))
                .dynamicAppProvidersEnabled("DISABLED")
                .imageSharedWithOthers("FALSE")
                .latestAppstreamAgentVersion("TRUE")
                .build();
    }

    private static Application app(String name, String display, String path, String params, String icon) {
        return Application.builder().name(name).displayName(display).launchPath(path).launchParameters(params)
                .iconURL(icon).enabled(true).metadata(Map.of()).build();
    }
}
