package io.haneul.swf.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.haneul.swf.domain.ExecutionState;

import java.io.UncheckedIOException;

/**
 * A run's {@link ExecutionState} as stored in {@code swf_executions.state}. Written without its null
 * members (most are null in most runs: input, lambda role, parents, override lists), which read back
 * as null all the same, so every transaction has less JSON to write and SQLite less to store; empty
 * strings and zeros are kept as they are.
 */
final class StateJson {

    private final ObjectWriter writer;
    private final ObjectReader reader;

    StateJson(ObjectMapper json) {
        this.writer = json.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL).writerFor(ExecutionState.class);
        this.reader = json.readerFor(ExecutionState.class);
    }

    String write(ExecutionState state) {
        try {
            return writer.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    ExecutionState read(String text) {
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
