package io.haneul.cloudsearch.engine.document;

import io.haneul.cloudsearch.engine.index.FieldsJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdfParserTest {

    private static List<DocumentOp> json(String body) {
        return SdfParser.parse(body.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void readsAddsAndDeletesWithValuesAsWrittenAndEachDocumentsSize() {
        String add = "{\"fields\":{\"title\":\"Ünïcode\",\"year\":2001,\"price\":1.50,\"tags\":[\"a\",7]},\"id\":\"d1\",\"type\":\"add\"}";
        List<DocumentOp> ops = json("[ " + add + " , {\"type\":\"delete\",\"id\":\"d2\"} ]");
        assertEquals(2, ops.size());
        DocumentOp.Add a = (DocumentOp.Add) ops.getFirst();
        assertEquals("d1", a.id());
        assertEquals(List.of("title", "year", "price", "tags"), List.copyOf(a.fields().keySet()));
        assertEquals(List.of(List.of("Ünïcode"), List.of("2001"), List.of("1.50"), List.of("a", "7")), List.copyOf(a.fields().values()));
        assertEquals(add.getBytes(StandardCharsets.UTF_8).length, a.bytes());
        String sent = "{\"title\":\"Ünïcode\",\"year\":2001,\"price\":1.50,\"tags\":[\"a\",7]}";
        assertEquals(sent, a.sent());
        assertEquals(a.fields(), FieldsJson.read(a.sent()), "what is stored as sent reads back as the parsed values");
        assertEquals(new DocumentOp.Delete("d2"), ops.get(1));
    }

    @Test
    void rejectsWhatIsNotABatchNamingTheDocumentAndField() {
        assertEquals("Expected a JSON array of document operations", assertThrows(BatchRejected.class, () -> json("{}")).getMessage());
        assertEquals("The batch must contain at least one add or delete operation", assertThrows(BatchRejected.class, () -> json("[]")).getMessage());
        assertEquals("Document operation 1 is not a JSON object", assertThrows(BatchRejected.class, () -> json("[1]")).getMessage());
        assertEquals("Document operation 1 has no id", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"add\",\"fields\":{\"a\":\"b\"}}]")).getMessage());
        assertEquals("Document x: invalid operation type 'upsert' (expected add or delete)", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"upsert\",\"id\":\"x\"}]")).getMessage());
        assertEquals("Document x: an add operation must have at least one field", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"add\",\"id\":\"x\",\"fields\":{}}]")).getMessage());
        assertEquals("Validation error for field 't' of document x: the value cannot be null", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"add\",\"fields\":{\"t\":null},\"id\":\"x\"}]")).getMessage());
        assertEquals("Validation error for field 't' of document x: invalid array element {\"b\":1}", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"add\",\"id\":\"x\",\"fields\":{\"t\":[\"a\",{\"b\":1}]}}]")).getMessage());
        assertEquals("Validation error for field 't' of document x: expected a value or an array", assertThrows(BatchRejected.class, () -> json("[{\"type\":\"add\",\"id\":\"x\",\"fields\":{\"t\":{\"b\":1}}}]")).getMessage());
        assertTrue(assertThrows(BatchRejected.class, () -> json("[{\"type\":\"delete\",\"id\":\"x\"}] trailing")).getMessage().startsWith("Encountered unexpected JSON"));
        assertThrows(BatchRejected.class, () -> json("[{\"type\":\"delete\",\"id\":\"x\"}"));
    }
}
