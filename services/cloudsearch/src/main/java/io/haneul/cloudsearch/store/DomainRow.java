package io.haneul.cloudsearch.store;

/**
 * A stored domain.
 *
 * @param endpointId {@code <name>-<26 letters and digits>}, fixed at creation
 * @param readyAt    when creation finishes (epoch ms): until then the domain is processing
 * @param version    the domain's configuration version, raised by every change (OptionStatus.UpdateVersion)
 */
public record DomainRow(String account, String region, String name, String endpointId, long createdAt, long readyAt, long version) {
}
