package io.haneul.cloudsearch.engine.store;

/** A document row: its id, its sequence number in the domain, and its fields as JSON (null for a delete). */
public record StoredDocument(String id, long seq, String body) {
}
