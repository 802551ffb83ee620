package io.haneul.appstream;

import io.haneul.appstream.store.AppStreamSchema;
import io.haneul.appstream.store.Links;
import io.haneul.appstream.store.Resources;
import io.haneul.appstream.store.Tags;
import io.haneul.appstream.streaming.StreamingEngine;
import io.haneul.appstream.streaming.StreamingEngines;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;
import io.haneul.storage.Database;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Registers AppStream 2.0 (appstream-2016-12-01): fleets, stacks, images, users and the rest stored,
 * and sessions streamed by the node's {@link StreamingEngine}. Setting {@code appstream-transition-seconds}
 * is how long a fleet, image builder or app block builder takes to start or stop, and a copied image to
 * become available (AWS takes minutes; Haneul's default is 2 seconds).
 */
public final class AppStreamModule implements ServiceModule {

    /** The streaming engine, its data plane and routes (made with the provider, served by the planes). */
    private final StreamingEngines streaming = new StreamingEngines();

    @Override
    public String id() {
        return "appstream";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("appstream-2016-12-01");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        Database db = env.require(Database.class);
        db.migrate(AppStreamSchema.COMPONENT, AppStreamSchema.MIGRATIONS);
        Duration transition = Duration.ofMillis((long) (1000 * Double.parseDouble(env.setting("appstream-transition-seconds", "2"))));
        Catalog catalog = new Catalog(new Resources(db), new Links(db), new Tags(db), env.clock(), transition);
        StreamingEngine engine = streaming.engine(env);
        return new AppStreamProvider(AppStreamParts.create(catalog, engine), engine);
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return AppStreamProvider.class;
    }

    @Override
    public List<DataPlane> dataPlanes() {
        return streaming.dataPlanes();
    }

    @Override
    public Map<String, InternalRoute> internalRoutes() {
        return streaming.internalRoutes();
    }
}
