package io.sark.dao.internal;

import org.jooq.Context;
import org.jooq.Field;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Text sent as an SQL literal instead of a bind parameter (where a bind parameter would let PostgreSQL fall into
 * a generic plan, see {@code ResourceDao#searchByMetadata}). The literal is an escape string {@code E'…'} with every
 * {@code '} and {@code \} doubled: PostgreSQL reads it the same way whatever {@code standard_conforming_strings}
 * says (jOOQ's {@code DSL.inline} doubles only quotes, so with the setting off a {@code \'} in the value ended the
 * literal early). pgjdbc also recognises the {@code E} prefix when it looks for {@code ?} markers. The value must
 * have passed {@link Check} (no NUL). Internal.
 */
public final class SqlLiteral {

    private SqlLiteral() {
    }

    /** {@code value} as an escape-string literal of type text. */
    public static Field<String> text(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8).append("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        String sql = sb.append('\'').toString();
        return new CustomField<>(DSL.name("literal"), SQLDataType.CLOB) {
            @Override
            public void accept(Context<?> ctx) {
                ctx.sql(sql);
            }
        };
    }
}
