package io.sark.dao.internal;

import io.sark.schema.jooq.Sark;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Index;
import org.jooq.Table;
import org.jooq.UniqueKey;

/**
 * The SARK name of a constraint a server reports: TimescaleDB reports the chunk's copy ({@code 2_7_audit_events_pkey}),
 * Citus the shard's ({@code audit_events_pkey_102008}) and no constraint field at all, only the message. Internal.
 */
final class Constraints {

    private static final Set<String> KNOWN = known();
    private static final Pattern IN_MESSAGE = Pattern.compile("constraint \"([^\"]+)\"");
    private static final Pattern CHUNK_PREFIX = Pattern.compile("^\\d+_(.+)$");
    private static final Pattern SHARD_SUFFIX = Pattern.compile("^(.+)_\\d+$");

    private Constraints() {
    }

    /** The SARK constraint named by {@code reported} (or, when the server gives none, by {@code message}). */
    static String logicalName(String reported, String message) {
        String name = reported;
        if (name == null && message != null) {
            Matcher m = IN_MESSAGE.matcher(message);
            name = m.find() ? m.group(1) : null;
        }
        if (name == null || KNOWN.contains(name)) {
            return name;
        }
        String candidate = name;
        for (Matcher m = CHUNK_PREFIX.matcher(candidate); m.matches(); m = CHUNK_PREFIX.matcher(candidate)) {
            candidate = m.group(1);
            if (KNOWN.contains(candidate)) {
                return candidate;
            }
        }
        Matcher shard = SHARD_SUFFIX.matcher(name);
        return shard.matches() && KNOWN.contains(shard.group(1)) ? shard.group(1) : name;
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>();
        for (Table<?> table : Sark.SARK.getTables()) {
            for (UniqueKey<?> key : table.getKeys()) {
                names.add(key.getName());
            }
            for (Index index : table.getIndexes()) {
                names.add(index.getName());
            }
        }
        return Set.copyOf(names);
    }
}
