package io.haneul.lambda;

import java.nio.file.Path;
import java.util.List;

/** The checks of a function's configuration that need layers and IAM, for {@link FunctionService}. */
final class ConfigurationChecks implements FunctionService.FunctionChecks {

    private final LayerService layers;
    private final ExecutionRoles roles;

    ConfigurationChecks(LayerService layers, ExecutionRoles roles) {
        this.layers = layers;
        this.roles = roles;
    }

    @Override
    public void checkRole(String account, String role) {
        roles.check(role);
    }

    @Override
    public void checkLayers(String account, String region, List<String> layerArns, Path codeRoot) {
        layers.check(account, region, layerArns, codeRoot);
    }

    @Override
    public void checkCodeWithLayers(List<String> layerArns, Path codeRoot) {
        layers.checkSize(layerArns, codeRoot);
    }
}
