package io.haneul.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a boto3 script (python3.11) that compares WHOLE response dictionaries with the ones AWS
 * documents or records, and fails with every difference. The script gets a prelude with:
 * <ul>
 *   <li>{@code ENDPOINT}, {@code ANY} (matches any value that is present), {@code ABSENT_OK};</li>
 *   <li>{@code same(label, actual, expected)}: compares {@code actual} without {@code ResponseMetadata}
 *   to {@code expected} key for key, recursively, so a member that AWS leaves out must be absent;</li>
 *   <li>{@code error_of(call)}: the {@code Error} dictionary of the ClientError the call raises.</li>
 * </ul>
 */
public final class BotoParity {

    private static final String PRELUDE = """
            import json, sys
            import boto3, botocore
            from botocore.exceptions import ClientError
            ENDPOINT = sys.argv[1]
            class _Any:
                def __repr__(self):
                    return "ANY"
            ANY = _Any()
            DIFFS = []
            def _cmp(path, a, e):
                if e is ANY:
                    return
                if isinstance(e, dict) and isinstance(a, dict):
                    for k in sorted(set(a) | set(e)):
                        if k not in a:
                            DIFFS.append("%s.%s missing (expected %r)" % (path, k, e[k]))
                        elif k not in e:
                            DIFFS.append("%s.%s unexpected: %r" % (path, k, a[k]))
                        else:
                            _cmp(path + "." + k, a[k], e[k])
                elif isinstance(e, list) and isinstance(a, list) and len(a) == len(e):
                    for i, (x, y) in enumerate(zip(a, e)):
                        _cmp("%s[%d]" % (path, i), x, y)
                elif a != e:
                    DIFFS.append("%s: got %r, expected %r" % (path, a, e))
            def same(label, actual, expected):
                actual = {k: v for k, v in actual.items() if k != "ResponseMetadata"}
                _cmp(label, actual, expected)
            def error_of(call):
                try:
                    call()
                except ClientError as e:
                    return e.response["Error"]
                DIFFS.append("no error raised")
                return {}
            """;

    private BotoParity() {
    }

    /** Runs {@code script} after the prelude against {@code server} as {@code account}; fails listing every difference. */
    public static void check(TestServer server, Path work, String account, String script) throws Exception {
        check(server.endpoint().toString(), work, account, script);
    }

    public static void check(String endpoint, Path work, String account, String script) throws Exception {
        Path file = work.resolve("parity_test.py");
        Files.writeString(file, PRELUDE + script + "\nprint(json.dumps(DIFFS, indent=1))\n");
        String python = Processes.pythonWithBoto3(work).orElse("python3.11"); // the python3.11 on PATH may lack boto3
        Processes.Result r = Processes.run(List.of(python, file.toString(), endpoint), account, "secret", work, 180);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("[]", r.stdout().strip(), () -> "differences from AWS's responses:\n" + r.stdout() + r.stderr());
    }
}
