package io.haneul.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @Test
    void loadsKeysIgnoringCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, """
                # ACCESS_KEY_ID SECRET ACCOUNT
                AKIAIOSFODNN7EXAMPLE   wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY   123456789012

                \t  # indented comment
                000000000001\tsecret+two\t000000000001
                """);
        CredentialsStore store = CredentialsFile.load(file);
        Credentials c = store.find("AKIAIOSFODNN7EXAMPLE").orElseThrow();
        assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", c.secretAccessKey());
        assertEquals("123456789012", c.accountId());
        assertEquals("000000000001", store.find("000000000001").orElseThrow().accountId());
        assertTrue(store.find("nope").isEmpty());
        assertFalse(c.toString().contains("wJalr"), "toString must not leak the secret");
    }

    @Test
    void reportsEveryMalformedLineWithItsNumberAndNoSecret() {
        String content = """
                AKID1 secretOne 123456789012
                AKID2 onlytwo
                AKID3 secretThree 12345
                AKID1 secretFour 123456789012
                AKID/5 secretFive 123456789012
                AKID6 secret six 123456789012
                """;
        CredentialsFileException e = assertThrows(CredentialsFileException.class, () -> CredentialsFile.parse(content, "inline"));
        List<String> problems = e.problems();
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 2: expected 3 fields"));
        assertTrue(problems.get(1).startsWith("line 3: account id must be 12 digits"));
        assertTrue(problems.get(2).startsWith("line 4: access key id AKID1 already defined on line 1"));
        assertTrue(problems.get(3).startsWith("line 5: access key id"));
        assertTrue(problems.get(4).startsWith("line 6: expected 3 fields"));
        for (String secret : List.of("secretOne", "onlytwo", "secretThree", "secretFour", "secretFive")) {
            assertFalse(e.getMessage().contains(secret), "message leaks " + secret);
        }
        assertTrue(e.getMessage().contains("inline"));
    }

    @Test
    void anOptionalFourthFieldMarksAdminKeys() {
        List<Credentials> keys = CredentialsFile.parse("""
                AKIDPLAIN secretPlain 123456789012
                AKIDADMIN secretAdmin 123456789012 admin
                AKIDUPPER\tsecretUpper\t210987654321\tADMIN
                """, "inline");
        assertFalse(keys.get(0).admin(), "a three-field line is an ordinary key, as before the flag existed");
        assertTrue(keys.get(1).admin());
        assertTrue(keys.get(2).admin());
        assertEquals("210987654321", keys.get(2).accountId());
        assertTrue(keys.get(1).toString().contains("admin"));
    }

    @Test
    void aFourthFieldOtherThanAdminIsRefusedWithoutEchoingIt() {
        CredentialsFileException e = assertThrows(CredentialsFileException.class,
                () -> CredentialsFile.parse("AKID1 secret 123456789012 superuser\n", "inline"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().getFirst().startsWith("line 1: expected 3 fields"), e.problems().toString());
        assertFalse(e.getMessage().contains("superuser"));
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        assertThrows(CredentialsFileException.class, () -> CredentialsFile.load(dir.resolve("absent")));
    }

    @Test
    void storeRejectsDuplicates() {
        assertThrows(IllegalArgumentException.class,
                () -> CredentialsStore.of(new Credentials("A", "s", "123456789012"), new Credentials("A", "t", "123456789012")));
    }
}
