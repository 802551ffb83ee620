package io.haneul.core.spi;

/**
 * Where this server listens, as a component of the {@link ServiceEnvironment}: for URLs handed to
 * programs the server starts itself (a function process reaching back to the Runtime API and to the
 * other services), which must name the port actually bound, not the one configured ({@code --port 0}).
 *
 * @param endpoint e.g. {@code http://127.0.0.1:4566}
 */
public record ServerAddress(String endpoint) {
}
