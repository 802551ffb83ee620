package io.haneul.lambda;

/**
 * The parts behind where code comes from and goes: packages read from the request or S3
 * ({@link CodeSource}), their download links ({@link CodeLinks}) and layers ({@link LayerService}).
 */
record CodeAndLayers(CodeSource source, CodeLinks links, LayerService layers) {
}
