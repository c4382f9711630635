package io.sark.dao;

import io.sark.schema.SarkException;

/** A row the call promised to act on does not exist; nothing was written. */
public class NotFoundException extends SarkException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String entity, Object id) {
        super(entity + " " + id + " does not exist");
    }
}
