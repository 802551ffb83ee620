package io.haneul.cloudsearch;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.List;

/** Registers Amazon CloudSearch: the configuration API and the domains' document and search endpoints. */
public final class CloudSearchModule implements ServiceModule {

    @Override
    public String id() {
        return "cloudsearch";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("cloudsearch-2013-01-01");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        return new CloudSearchProvider();
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return CloudSearchProvider.class;
    }
}
