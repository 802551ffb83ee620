/**
 * The data-plane SPI: traffic a service module owns that is not an AWS API call (website and
 * invoke hosts, function URLs, streaming pages, WebSockets), and the ways a module's AWS API is
 * addressed beyond the generic rules (virtual hosts, unsigned links). The server asks every module
 * through these types in one generic pass, so it never names a service; see docs/ARCHITECTURE.md
 * for the precedence.
 */
package io.haneul.core.dataplane;
