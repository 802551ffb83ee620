package io.haneul.appstream;

import io.haneul.appstream.streaming.StreamingEngines;
import io.haneul.core.dataplane.DataPlane;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.List;
import java.util.Map;

/** Registers AppStream 2.0 with the server. */
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
        return new AppStreamProvider(List.of(), streaming.engine(env));
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
