package io.haneul.cloudsearch.engine.index;

import io.haneul.cloudsearch.engine.DomainSchema;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DomainIndexCommitTest {

    @TempDir
    Path dir;

    private long seq;

    @Test
    void theCommitterWaitsForTheIndexToSettleOrForItsLimit() throws Exception {
        try (DomainIndex index = DomainIndex.open(dir)) {
            index.useSchema(new CompiledSchema(new DomainSchema(List.of(), List.of(), List.of(), List.of())));
            change(index);
            index.commitWhenSettled(2);
            assertNull(committedSeq(), "changed since the last tick: put off");
            index.commitWhenSettled(2);
            assertEquals("1", committedSeq(), "nothing changed since the last tick: committed");
            index.commitWhenSettled(2);
            assertEquals("1", committedSeq());

            // changes at every tick: committed once the limit of put-off ticks is reached
            change(index);
            index.commitWhenSettled(2);
            change(index);
            index.commitWhenSettled(2);
            assertEquals("1", committedSeq(), "two ticks put off");
            change(index);
            index.commitWhenSettled(2);
            assertEquals("4", committedSeq(), "the third tick in a row commits");
        }
        assertEquals("4", committedSeq());
    }

    private void change(DomainIndex index) {
        seq++;
        Document doc = new Document();
        doc.add(new StringField(Names.ID, "d" + seq, Field.Store.YES));
        index.put("d" + seq, doc);
        index.applied(seq, "fingerprint");
    }

    /** The sequence number in the index's last commit, null when it has none. */
    private String committedSeq() throws Exception {
        try (FSDirectory d = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(d) ? SegmentInfos.readLatestCommit(d).getUserData().get("seq") : null;
        }
    }
}
