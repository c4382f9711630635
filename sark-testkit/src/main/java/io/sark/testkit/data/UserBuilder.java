package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.UserTeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code users} row. Defaults: {@code user-<n>-<suffix>@example.test}, role {@code developer}, active, not
 * admin, a bcrypt-shaped placeholder password hash (no password verifies against it). {@link #insert()} returns
 * the {@link User} the DAO reads back.
 */
public final class UserBuilder {

    private final SarkData data;
    private final UsersRecord record = new UsersRecord();
    private final ObjectNode metadata = SarkJson.object();
    private final List<Team> teams = new ArrayList<>();

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
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
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
    public UserBuilder memberOf(Team team) {
        teams.add(team);
        return this;
    }

    /** Inserts the user (and memberships) and returns it as the DAO reads it. */
    public User insert() {
        record.setExtraMetadata(metadata);
        UUID id = data.dsl().transactionResult(tx -> {
            UsersRecord user = Rows.insert(tx.dsl(), Tables.USERS, record);
            for (Team team : teams) {
                Rows.insert(tx.dsl(), Tables.USER_TEAMS, new UserTeamsRecord(user.getId(), team.id()));
            }
            return user.getId();
        });
        return data.readBack("user", db -> db.users().findById(id));
    }
}
