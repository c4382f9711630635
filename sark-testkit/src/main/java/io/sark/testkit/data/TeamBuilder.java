package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UserTeamsRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A team. Defaults: name {@code team-<n>-<suffix>}, a description, no members. Returns the DAO's {@link Team}. */
public final class TeamBuilder {

    private final SarkData data;
    private final TeamsRecord record = new TeamsRecord();
    private final ObjectNode metadata = SarkJson.object();
    private final List<User> members = new ArrayList<>();
    private int newMembers;

    TeamBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setId(draw.uuid());
        record.setName(draw.label("team"));
        record.setDescription("Test team " + draw.n);
        record.setCreatedAt(Times.column(data.now()));
        record.setUpdatedAt(Times.column(data.now()));
    }

    /** The name (unique). */
    public TeamBuilder name(String name) {
        record.setName(name);
        return this;
    }

    /** The description. */
    public TeamBuilder description(String description) {
        record.setDescription(description);
        return this;
    }

    /** Adds {@code key: value} to {@code extra_metadata}. */
    public TeamBuilder metadata(String key, Object value) {
        Rows.put(metadata, key, value);
        return this;
    }

    /** Adds existing users as members. */
    public TeamBuilder members(User... users) {
        members.addAll(Arrays.asList(users));
        return this;
    }

    /** Inserts {@code count} new default users as members. */
    public TeamBuilder withMembers(int count) {
        newMembers = count;
        return this;
    }

    /** Inserts the team and memberships and returns the team as the DAO reads it ({@code teams().members} lists them). */
    public Team insert() {
        record.setExtraMetadata(metadata);
        List<User> all = new ArrayList<>(members);
        for (int i = 0; i < newMembers; i++) {
            all.add(data.defaultUser());
        }
        UUID id = data.dsl().transactionResult(tx -> {
            TeamsRecord team = Rows.insert(tx.dsl(), Tables.TEAMS, record);
            for (User user : all) {
                Rows.insert(tx.dsl(), Tables.USER_TEAMS, new UserTeamsRecord(user.id(), team.getId()));
            }
            return team.getId();
        });
        return data.readBack("team", db -> db.teams().findById(id));
    }
}
