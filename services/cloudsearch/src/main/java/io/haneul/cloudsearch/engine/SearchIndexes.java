package io.haneul.cloudsearch.engine;

import java.util.List;

/**
 * What the configuration API asks of the search side (the Lucene engine). The configuration side
 * calls it; the engine implements it.
 */
public interface SearchIndexes {

    /**
     * IndexDocuments: from now on the domain is searched with {@code schema}; the index is rebuilt
     * from the domain's stored documents, none lost. Returns the names of the fields indexed, as
     * IndexDocuments answers them.
     */
    List<String> indexDocuments(DomainKey domain, DomainSchema schema);

    /** BuildSuggesters: (re)builds the domain's suggesters from its documents. */
    void buildSuggesters(DomainKey domain, DomainSchema schema);

    /** DeleteDomain: the domain's documents and index are removed. */
    void deleteDomain(DomainKey domain);
}
