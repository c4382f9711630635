package io.sark.testkit.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sark.schema.jooq.Tables;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import io.sark.schema.jooq.tables.records.UserTeamsRecord;
import io.sark.schema.jooq.tables.records.UsersRecord;
import io.sark.schema.json.SarkJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@code teams} row. Defaults: name {@code team-<n>-<suffix>}, a description, no members. */
public final class TeamBuilder {

    private final SarkData data;
    private final TeamsRecord record = new TeamsRecord();
    private final ObjectNode metadata = SarkJson.object();
    private final List<UsersRecord> members = new ArrayList<>();
    private int newMembers;

    TeamBuilder(SarkData data, Draw draw) {
        this.data = data;
        record.setId(draw.uuid());
        record.setName(draw.label("team"));
        record.setDescription("Test team " + draw.n);
        record.setCreatedAt(data.now());
        record.setUpdatedAt(data.now());
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
    public TeamBuilder members(UsersRecord... users) {
        members.addAll(Arrays.asList(users));
        return this;
    }

    /** Inserts {@code count} new default users as members. */
    public TeamBuilder withMembers(int count) {
        newMembers = count;
        return this;
    }

    /** Inserts the team and memberships and returns the stored team. */
    public TeamsRecord insert() {
        record.setExtraMetadata(metadata);
        List<UsersRecord> all = new ArrayList<>(members);
        for (int i = 0; i < newMembers; i++) {
            all.add(data.defaultUser());
        }
        return data.dsl().transactionResult(tx -> {
            TeamsRecord team = Rows.insert(tx.dsl(), Tables.TEAMS, record);
            for (UsersRecord user : all) {
                Rows.insert(tx.dsl(), Tables.USER_TEAMS, new UserTeamsRecord(user.getId(), team.getId()));
            }
            return team;
        });
    }
}
