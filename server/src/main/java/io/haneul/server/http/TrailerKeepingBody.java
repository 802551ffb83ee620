package io.haneul.server.http;

import io.haneul.core.wire.Headers;
import io.haneul.core.wire.TrailingBody;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.Trailers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ContentSourceInputStream;

/**
 * A streamed request body as an {@link java.io.InputStream} that keeps the chunked body's trailer
 * fields: Jetty hands them over as the last chunk ({@link Trailers}), which its plain input stream
 * drops. Data planes read them through {@link io.haneul.core.dataplane.DataPlaneCall#trailers()}.
 */
final class TrailerKeepingBody extends ContentSourceInputStream implements TrailingBody {

    private final Keeper keeper;

    private TrailerKeepingBody(Keeper keeper) {
        super(keeper);
        this.keeper = keeper;
    }

    static TrailerKeepingBody of(Content.Source request) {
        return new TrailerKeepingBody(new Keeper(request));
    }

    @Override
    public Headers trailers() {
        Headers headers = new Headers();
        HttpFields fields = keeper.trailers;
        if (fields != null) {
            for (HttpField f : fields) {
                headers.add(f.getName(), f.getValue());
            }
        }
        return headers;
    }

    /** The request's content, noting the trailer chunk as it passes. */
    private static final class Keeper implements Content.Source {

        private final Content.Source source;
        private volatile HttpFields trailers;

        Keeper(Content.Source source) {
            this.source = source;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = source.read();
            if (chunk instanceof Trailers t) {
                trailers = t.getTrailers();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            source.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            source.fail(failure);
        }

        @Override
        public void fail(Throwable failure, boolean last) {
            source.fail(failure, last);
        }

        @Override
        public long getLength() {
            return source.getLength();
        }

        @Override
        public boolean rewind() {
            return source.rewind();
        }
    }
}
