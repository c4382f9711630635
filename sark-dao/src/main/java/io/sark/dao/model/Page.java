package io.sark.dao.model;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a keyset-paginated listing. Pass {@link #nextPageToken()} back to the same listing (with the same
 * filters) to get the rows after this page; it is empty when this is the last page. {@link #stream} and
 * {@link #forEach} walk every page of a listing. Every keyset listing of the SDK returns this type and takes the token
 * the same way: {@code listByProtocol(protocol, limit, token)}, {@code find(query, token)}. Rows inserted or deleted
 * between calls never cause a row to be skipped or repeated that was present throughout.
 *
 * @param items the rows of this page, in the listing's order
 * @param nextPageToken an opaque token for the next page, present only when more rows may follow
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }

    /** True when more rows may follow. */
    public boolean hasNext() {
        return nextPageToken.isPresent();
    }

    /**
     * A keyset listing with its filters fixed, called with a page token: {@code null} for the first page, then each
     * page's {@link #nextPageToken()}. E.g. {@code token -> db.costs().find(query, token)}.
     */
    @FunctionalInterface
    public interface Source<T> {
        Page<T> fetch(String pageToken);
    }

    /**
     * Every row of {@code listing}, page after page, in the listing's order. Pages are fetched as the stream is
     * consumed (the first one when the first row is needed), so a stream that stops early reads no further page.
     * Failures are the listing's own exceptions.
     */
    public static <T> Stream<T> stream(Source<T> listing) {
        Objects.requireNonNull(listing, "listing");
        Iterator<T> rows = new Iterator<>() {
            private Iterator<T> page = Collections.emptyIterator();
            private Optional<String> next = null; // null: the first page is not fetched yet

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && (next == null || next.isPresent())) {
                    Page<T> p = listing.fetch(next == null ? null : next.get());
                    page = p.items().iterator();
                    next = p.nextPageToken();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Calls {@code action} for every row of {@code listing}, page after page (see {@link #stream}). */
    public static <T> void forEach(Source<T> listing, Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        stream(listing).forEach(action);
    }
}
