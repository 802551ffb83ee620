package io.haneul.appstream;

import io.haneul.appstream.streaming.StreamingEngine;

import java.util.List;

/** Builds the provider's parts over one catalog and streaming engine. */
final class AppStreamParts {

    private AppStreamParts() {
    }

    static List<Object> create(Catalog catalog, StreamingEngine engine) {
        ImageLookup images = new ImageLookup(catalog);
        StreamingUrls urls = new StreamingUrls(engine);
        StackApi stacks = new StackApi(catalog);
        ApplicationApi applications = new ApplicationApi(catalog);
        Prewarming prewarming = new Prewarming(catalog, engine);
        return List.of(new ImageApi(catalog, images), new ImageBuilderApi(catalog, images, urls), new FleetApi(catalog, images, urls, prewarming),
                stacks, new EntitlementApi(catalog, stacks), applications, new AppBlockApi(catalog, urls), new UserApi(catalog),
                new AccountApi(catalog), new TagApi(catalog), new SessionApi(catalog, images, applications, urls, prewarming));
    }
}
