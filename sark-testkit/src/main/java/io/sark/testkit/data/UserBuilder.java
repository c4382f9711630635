package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UserTeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code users} row. Defaults: {@code user-<n>-<suffix>@example.test}, role {@code developer}, active, not
 * admin, a bcrypt-shaped placeholder password hash (no password verifies against it).
 */
public final class UserBuilder {

    private final SarkData data;
    private final UsersRecord record = new UsersRecord();
    private final ObjectNode metadata = SarkJson.object();
    private final List<TeamsRecord> teams = new ArrayList<>();

    UserBuilder(SarkData data, Draw draw) {
        this.data = data;
        String label = draw.label("user");
        record.setId(draw.uuid());
        record.setEmail(label + "@example.test");
        record.setFullName("Test User " + draw.n);
        record.setHashedPassword("$2b$12$" + draw.letters(53));
        record.setIsActive(true);
        record.setIsAdmin(false);
        record.setRole("developer");
        record.setCreatedAt(data.now());
        record.setUpdatedAt(data.now());
    }

    /** The email (unique). */
    public UserBuilder email(String email) {
        record.setEmail(email);
        return this;
    }

    /** The full name. */
    public UserBuilder fullName(String fullName) {
        record.setFullName(fullName);
        return this;
    }

    /** The role, e.g. {@code developer}, {@code admin}, {@code viewer}. */
    public UserBuilder role(String role) {
        record.setRole(role);
        return this;
    }

    /** Whether the user is an administrator. */
    public UserBuilder admin(boolean admin) {
        record.setIsAdmin(admin);
        return this;
    }

    /** Whether the user is active. */
    public UserBuilder active(boolean active) {
        record.setIsActive(active);
        return this;
    }

    /** The stored password hash. */
    public UserBuilder hashedPassword(String hashedPassword) {
        record.setHashedPassword(hashedPassword);
        return this;
    }

    /** Adds {@code key: value} to {@code extra_metadata}. */
    public UserBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Makes the user a member of {@code team} ({@code user_teams}). */
    public UserBuilder memberOf(TeamsRecord team) {
        teams.add(team);
        return this;
    }

    /** Inserts the user (and memberships) and returns the stored row. */
    public UsersRecord insert() {
        record.setExtraMetadata(metadata);
        return data.dsl().transactionResult(tx -> {
            UsersRecord user = Rows.insert(tx.dsl(), Tables.USERS, record);
            for (TeamsRecord team : teams) {
                Rows.insert(tx.dsl(), Tables.USER_TEAMS, new UserTeamsRecord(user.getId(), team.getId()));
            }
            return user;
        });
    }
}
