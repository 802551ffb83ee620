package io.haneul.s3;

import io.haneul.core.error.AwsErrorException;
import io.haneul.core.spi.ServiceEnvironment;
import io.haneul.s3.store.BlobStoreIdentity;
import io.haneul.storage.Database;
import io.haneul.storage.Dialect;
import io.haneul.storage.SharedSettings;

import java.util.Optional;

/**
 * Nodes sharing a PostgreSQL database must share S3's bytes too, or a GET through one node of an
 * object stored through another finds nothing. The first node to write a blob records its blob
 * store's identity in the database; a node whose blob store differs then refuses to start, and a
 * node that was already running refuses to write blobs (500 InternalError, the reason in its log).
 * A single SQLite node has nobody to disagree with and is not checked.
 */
final class BlobStoreCheck {

    static final String SETTING = "s3.blob-store";

    private BlobStoreCheck() {
    }

    /** At node start and when S3 starts on a node: throws when the database records another blob store. */
    static void atStart(ServiceEnvironment env) {
        Database db = env.require(Database.class);
        if (db.dialect() != Dialect.POSTGRES) {
            return;
        }
        Optional<String> recorded = new SharedSettings(db, env.clock()).get(SETTING);
        if (recorded.isEmpty()) {
            return; // no blob written yet: nothing to disagree with (and no marker file made for nothing)
        }
        BlobStoreIdentity mine = BlobStoreIdentity.of(env);
        if (!BlobStoreIdentity.idOf(recorded.get()).equals(mine.id())) {
            throw new IllegalStateException(message(mine, recorded.get()));
        }
    }

    /** Before this node's first blob write: records this node's blob store, or refuses when another is recorded. */
    static void recordOrRefuse(ServiceEnvironment env) {
        Database db = env.require(Database.class);
        if (db.dialect() != Dialect.POSTGRES) {
            return;
        }
        BlobStoreIdentity mine = BlobStoreIdentity.of(env);
        String recorded = new SharedSettings(db, env.clock()).putIfAbsent(SETTING, mine.recorded());
        if (!BlobStoreIdentity.idOf(recorded).equals(mine.id())) {
            org.slf4j.LoggerFactory.getLogger(BlobStoreCheck.class).error(message(mine, recorded));
            throw new AwsErrorException("InternalError", "We encountered an internal error. Please try again.", 500);
        }
    }

    private static String message(BlobStoreIdentity mine, String recorded) {
        return "S3 blob store mismatch: this node keeps object bytes in " + mine.description()
                + ", but the nodes sharing this database use " + BlobStoreIdentity.descriptionOf(recorded)
                + " (recorded by the first node that served S3). Objects stored through the other nodes would be missing here."
                + " Give every node the same blob store: a --s3-blob-dir on a file system they all mount, or the same"
                + " --s3-blob-url (see docs/cluster.md).";
    }
}
