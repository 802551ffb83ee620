package io.haneul.it.rekognition;

import io.haneul.it.support.SharedPostgres;
import io.haneul.it.support.TestServer;

/** {@link RekognitionCollectionsIT} on PostgreSQL: faces and their embeddings (BYTEA) in the shared store. */
class RekognitionCollectionsPostgresIT extends RekognitionCollectionsIT {

    @Override
    TestServer newServer() {
        return TestServer.start(concat(RekognitionClients.MODEL_CACHE, "--storage", SharedPostgres.newDatabase("haneul_rekognition")));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
