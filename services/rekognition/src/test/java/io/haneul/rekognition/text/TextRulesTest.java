package io.haneul.rekognition.text;

import io.haneul.rekognition.vision.Box;
import io.haneul.rekognition.vision.TextFinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextRulesTest {

    private final List<TextFinding> found = List.of(
            new TextFinding("LINE", 0, null, "HELLO WORLD", 99, new Box(0.1f, 0.1f, 0.6f, 0.1f), List.of()),
            new TextFinding("LINE", 1, null, "small", 60, new Box(0.1f, 0.8f, 0.1f, 0.02f), List.of()),
            new TextFinding("WORD", 2, 0, "HELLO", 99, new Box(0.1f, 0.1f, 0.25f, 0.1f), List.of()),
            new TextFinding("WORD", 3, 0, "WORLD", 95, new Box(0.45f, 0.1f, 0.25f, 0.1f), List.of()),
            new TextFinding("WORD", 4, 1, "small", 60, new Box(0.1f, 0.8f, 0.1f, 0.02f), List.of()));

    private static List<String> texts(List<TextFinding> t) {
        return t.stream().map(f -> f.type() + ":" + f.text()).toList();
    }

    @Test
    void noFilterKeepsAll() {
        assertEquals(5, TextRules.filter(found, TextRules.WordFilter.NONE, List.of()).size());
    }

    @Test
    void wordFilterDropsWordsAndTheirEmptyLines() {
        assertEquals(List.of("LINE:HELLO WORLD", "WORD:HELLO", "WORD:WORLD"),
                texts(TextRules.filter(found, new TextRules.WordFilter(80, 0, 0), List.of())));
        assertEquals(List.of("LINE:HELLO WORLD", "WORD:HELLO", "WORD:WORLD"),
                texts(TextRules.filter(found, new TextRules.WordFilter(0, 0.05f, 0), List.of())));
        assertEquals(List.of("LINE:HELLO WORLD", "WORD:HELLO"),
                texts(TextRules.filter(found, new TextRules.WordFilter(96, 0, 0), List.of())));
    }

    @Test
    void regionsOfInterestKeepWhatIsMostlyInside() {
        assertEquals(List.of("LINE:small", "WORD:small"),
                texts(TextRules.filter(found, TextRules.WordFilter.NONE, List.of(new Box(0, 0.5f, 1, 0.5f)))));
        // only the first word lies mostly inside the top-left region: its line stays, the other word goes
        assertEquals(List.of("LINE:HELLO WORLD", "WORD:HELLO"),
                texts(TextRules.filter(found, TextRules.WordFilter.NONE, List.of(new Box(0, 0, 0.3f, 0.3f)))));
        assertEquals(List.of(), texts(TextRules.filter(found, TextRules.WordFilter.NONE, List.of(new Box(0.9f, 0, 0.1f, 0.1f)))));
    }
}
