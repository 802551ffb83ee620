package io.haneul.cloudsearch.store;

/**
 * One configured option of a domain: an index field, analysis scheme, expression or suggester by
 * name, or a domain-wide setting (scaling, availability, ...) with an empty name.
 *
 * @param doc      the latest configuration, the SDK shape as JSON
 * @param deployed the configuration in force since the last IndexDocuments (or update), null before
 * @param state    the stored state; {@code Processing} reads as {@code Active} from {@code activeAt} on
 */
public record OptionRow(String kind, String name, String doc, String deployed, long createdAt, long updatedAt, long version,
                        String state, long activeAt, boolean pendingDeletion) {

    public OptionRow withState(String newState, long newActiveAt) {
        return new OptionRow(kind, name, doc, deployed, createdAt, updatedAt, version, newState, newActiveAt, pendingDeletion);
    }

    public OptionRow deploy(String newState, long newActiveAt) {
        return new OptionRow(kind, name, doc, doc, createdAt, updatedAt, version, newState, newActiveAt, pendingDeletion);
    }
}
