package io.sark.dao.model;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A keyset position in the ledger's {@code ("timestamp", id)} order: a page continues strictly after it. */
public record CostCursor(OffsetDateTime timestamp, long id) {

    public CostCursor {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
