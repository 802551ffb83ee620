package io.haneul.rekognition;

import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.core.spi.ServiceModule;

import java.util.List;

/** Registers Rekognition with the server. */
public final class RekognitionModule implements ServiceModule {

    @Override
    public String id() {
        return "rekognition";
    }

    @Override
    public List<String> modelFiles() {
        return List.of("rekognition-2016-06-27");
    }

    @Override
    public Object provider(String modelFile, ServiceEnvironment env) {
        return new RekognitionProvider(List.of());
    }

    @Override
    public Class<?> providerType(String modelFile) {
        return RekognitionProvider.class;
    }
}
