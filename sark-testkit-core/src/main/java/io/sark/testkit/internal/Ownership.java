package io.sark.testkit.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How testkit instances mark what they create on a shared server and tell a dead owner's leftovers from a live
 * one's: a random prefix per instance, an owner comment on each database and schema, and a session advisory
 * lock on the prefix held while the owner lives ({@link ServerAdmin}).
 */
public final class Ownership {

    private static final Pattern OWNER_COMMENT = Pattern.compile("sark-testkit owner=(sark_[a-z0-9]{8}) lockdb=(\\S+)");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ownership() {
    }

    /** {@code sark_} and 8 random characters. */
    public static String newPrefix() {
        StringBuilder sb = new StringBuilder("sark_");
        for (int i = 0; i < 8; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The statement that marks {@code name} (a {@code DATABASE} or {@code SCHEMA}) as {@code prefix}'s. */
    public static String comment(String kind, String name, String prefix, String maintenanceDatabase) {
        return "COMMENT ON " + kind + " " + name + " IS 'sark-testkit owner=" + prefix + " lockdb="
                + maintenanceDatabase.replace("'", "''") + "'";
    }

    /**
     * Databases and schemas marked by owners other than {@code prefix} on the same maintenance database, by
     * owner: {kind, name} pairs.
     */
    public static Map<String, List<String[]>> staleCandidates(Connection c, String prefix, String maintenanceDatabase)
            throws SQLException {
        Map<String, List<String[]>> byOwner = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 'DATABASE', d.datname, shobj_description(d.oid, 'pg_database') FROM pg_database d"
                        + " WHERE d.datname LIKE 'sark\\_%'"
                        + " UNION ALL SELECT 'SCHEMA', n.nspname, obj_description(n.oid, 'pg_namespace')"
                        + " FROM pg_namespace n WHERE n.nspname LIKE 'sark\\_%' ORDER BY 1, 2")) {
            while (rs.next()) {
                String comment = rs.getString(3);
                Matcher m = comment == null ? null : OWNER_COMMENT.matcher(comment);
                if (m != null && m.matches() && !m.group(1).equals(prefix) && m.group(2).equals(maintenanceDatabase)
                        && rs.getString(2).startsWith(m.group(1) + "_")) {
                    byOwner.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return byOwner;
    }

    /**
     * Drops {@code objects} if their owner's advisory lock is free (its session ended); databases in use are
     * skipped (no FORCE: not ours to interrupt).
     *
     * @return the dropped names
     */
    public static List<String> dropIfOwnerIsGone(Connection c, String owner, List<String[]> objects) throws SQLException {
        List<String> dropped = new ArrayList<>();
        if (!ServerAdmin.advisory(c, "pg_try_advisory_lock", owner)) {
            return dropped; // the owner is alive
        }
        try {
            for (String[] object : objects) {
                try {
                    ServerAdmin.execute(c, "DROP " + object[0] + " IF EXISTS " + object[1]
                            + ("SCHEMA".equals(object[0]) ? " CASCADE" : ""));
                    dropped.add(object[1]);
                } catch (SQLException inUse) {
                    // someone is connected
                }
            }
        } finally {
            ServerAdmin.advisory(c, "pg_advisory_unlock", owner);
        }
        return dropped;
    }
}
