package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.json.SarkJson;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.TableRecord;

/** Insert helpers shared by the builders. */
final class Rows {

    private Rows() {
    }

    /** Inserts the set fields of {@code record} and returns the stored row, generated columns included. */
    static <R extends TableRecord<R>> R insert(DSLContext dsl, Table<R> table, R record) {
        R stored = dsl.insertInto(table).set(record).returning().fetchOne();
        if (stored == null) {
            throw new IllegalStateException("INSERT INTO " + table.getName() + " returned no row");
        }
        return stored;
    }

    /** A new record of the same table with the changed values of {@code record}, marked changed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <R extends TableRecord<R>> R copyChanged(R record, R target) {
        for (org.jooq.Field field : record.fields()) {
            if (record.changed(field)) {
                target.set(field, record.get(field));
            }
        }
        return target;
    }

    /** Puts {@code value} (any Jackson-mappable value) under {@code key}. */
    static void put(ObjectNode node, String key, Object value) {
        node.set(key, SarkJson.mapper().valueToTree(value));
    }
}
