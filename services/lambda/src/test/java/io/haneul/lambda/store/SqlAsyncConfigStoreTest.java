package io.haneul.lambda.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.haneul.lambda.domain.EventInvokeConfig;
import io.haneul.lambda.domain.ProvisionedConcurrency;
import io.haneul.storage.Database;
import io.haneul.storage.Databases;
import io.haneul.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The asynchronous-invocation and concurrency tables on SQLite: configs per function and qualifier,
 * reservations per function, provisioned concurrency per qualifier (recorded here until versions and
 * aliases can be named through the API), all forgotten with their function.
 */
class SqlAsyncConfigStoreTest {

    @TempDir
    Path dir;
    Database db;
    SqlAsyncConfigStore store;

    @BeforeEach
    void open() {
        db = Databases.open(StorageConfig.parse("sqlite"), dir);
        store = new SqlAsyncConfigStore(db, new ObjectMapper());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void eventInvokeConfigsAreKeptPerQualifier() {
        EventInvokeConfig latest = new EventInvokeConfig("a", "r", "f", "$LATEST", 1, null, null, "arn:aws:sqs:r:a:q", 5);
        EventInvokeConfig live = new EventInvokeConfig("a", "r", "f", "live", null, 120, "arn:aws:sns:r:a:t", null, 6);
        store.putEventInvokeConfig(latest);
        store.putEventInvokeConfig(live);
        assertEquals(Optional.of(latest), store.eventInvokeConfig("a", "r", "f", "$LATEST"));
        assertEquals(List.of(latest, live), store.eventInvokeConfigs("a", "r", "f", null, 10));
        assertEquals(List.of(live), store.eventInvokeConfigs("a", "r", "f", "$LATEST", 10));
        EventInvokeConfig replaced = new EventInvokeConfig("a", "r", "f", "$LATEST", 0, 60, null, null, 7);
        store.putEventInvokeConfig(replaced);
        assertEquals(Optional.of(replaced), store.eventInvokeConfig("a", "r", "f", "$LATEST"));
        assertTrue(store.deleteEventInvokeConfig("a", "r", "f", "$LATEST"));
        assertFalse(store.deleteEventInvokeConfig("a", "r", "f", "$LATEST"));
        assertEquals(List.of(live), store.eventInvokeConfigs("a", "r", "f", null, 10));
    }

    @Test
    void reservationsAreSummedPerAccountAndRegion() {
        store.putReserved("a", "r", "f", 10);
        store.putReserved("a", "r", "g", 5);
        store.putReserved("a", "other", "h", 50);
        store.putReserved("b", "r", "f", 50);
        store.putReserved("a", "r", "f", 20);
        assertEquals(OptionalInt.of(20), store.reserved("a", "r", "f"));
        assertEquals(25, store.reservedTotal("a", "r", null));
        assertEquals(5, store.reservedTotal("a", "r", "f"));
        assertTrue(store.deleteReserved("a", "r", "f"));
        assertEquals(OptionalInt.empty(), store.reserved("a", "r", "f"));
    }

    @Test
    void provisionedConcurrencyIsRecordedPerQualifierAndForgottenWithItsFunction() {
        ProvisionedConcurrency one = new ProvisionedConcurrency("a", "r", "f", "1", 3, "2026-12-07T04:30:00.000+0000");
        ProvisionedConcurrency live = new ProvisionedConcurrency("a", "r", "f", "live", 2, "2026-12-07T04:31:00.000+0000");
        store.putProvisioned(one);
        store.putProvisioned(live);
        assertEquals(Optional.of(one), store.provisioned("a", "r", "f", "1"));
        assertEquals(List.of(one, live), store.provisionedOf("a", "r", "f", null, 10));
        assertEquals(List.of(one), store.provisionedOf("a", "r", "f", null, 1));
        assertEquals("arn:aws:lambda:r:a:function:f:live", live.functionArn());
        assertTrue(store.deleteProvisioned("a", "r", "f", "1"));

        store.putReserved("a", "r", "f", 4);
        store.putEventInvokeConfig(new EventInvokeConfig("a", "r", "f", "$LATEST", 1, null, null, null, 1));
        store.forget("a", "r", "f");
        assertEquals(List.of(), store.provisionedOf("a", "r", "f", null, 10));
        assertEquals(OptionalInt.empty(), store.reserved("a", "r", "f"));
        assertEquals(List.of(), store.eventInvokeConfigs("a", "r", "f", null, 10));
    }
}
