package io.haneul.appstream;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.List;

/** Registers AppStream 2.0 with the server. */
public final class AppStreamModule implements ServiceModule {

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
        return new AppStreamProvider(List.of());
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return AppStreamProvider.class;
    }
}
