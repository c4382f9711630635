package io.sark.dao.model;

import java.util.List;
import java.util.Optional;

/** One page of a ledger query; {@link #next()} is present when more rows follow. */
public record CostPage(List<Cost> items, Optional<CostCursor> next) {

    public CostPage {
        items = List.copyOf(items);
    }
}
