package io.sark.dao.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated listing. Pass {@link #nextPageToken()} back to the same listing (with the same
 * filters) to get the rows after this page; it is empty when this is the last page. Rows inserted or deleted
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
}
