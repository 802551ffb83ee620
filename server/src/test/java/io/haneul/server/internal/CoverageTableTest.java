package io.haneul.server.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageTableTest {

    @Test
    void readmeTableIsCurrent() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String table = CoverageTable.table();
        assertEquals(CoverageTable.render(text, table), text,
                "README.md's service table is stale: run ./haneul coverage-table");
    }

    @Test
    void tableCountsImplementedOperationsFromTheCode() {
        String table = CoverageTable.table();
        assertTrue(table.contains("| STS | sts | query | 3 / "), table);
        assertTrue(table.contains("| SQS | sqs | json | 23 / 23 (all) |"), table);
        // answered by CloudSearch's domain endpoints (a data plane), declared by its module
        assertTrue(table.contains("| CloudSearch Domain | cloudsearchdomain | rest-json | 3 / 3 (all) |"), table);
    }
}
