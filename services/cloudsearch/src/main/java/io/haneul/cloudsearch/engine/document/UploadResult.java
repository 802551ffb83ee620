package io.haneul.cloudsearch.engine.document;

import java.util.List;

/** What documents/batch answers for an accepted batch: {@code {"status":"success","adds":N,"deletes":N,"warnings":[…]}}. */
public record UploadResult(int adds, int deletes, List<String> warnings) {
}
